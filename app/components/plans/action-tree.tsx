import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ShownAction } from "~/routes/spaces.$spaceId.plan.server";

const statusBadge: Record<string, string> = {
  not_started: "badge",
  on_track: "badge badge--verified",
  at_risk: "badge badge--pending",
  delayed: "badge badge--pending",
  done: "badge badge--verified",
  dropped: "badge",
};

/** A percentage as text with a bar beside it (the text is what is read; the bar is decoration). */
export function Progress({ value, label }: { value: number | null; label: string }) {
  const { t } = useTranslation();
  return (
    <span className="plan-progress">
      {label}: {value === null ? t("plans.progress.none") : `${value}%`}
      {/* SVG presentation attributes, not a style attribute: the CSP allows none. */}
      <svg className="plan-progress__bar" aria-hidden="true" viewBox="0 0 100 8" width="96" height="8">
        <rect width="100" height="8" className="plan-progress__track" />
        <rect width={value ?? 0} height="8" className="plan-progress__fill" />
      </svg>
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={statusBadge[status] ?? "badge"}>{t(`plans.actionStatuses.${status}`)}</span>;
}

/** A goal's actions and, nested under each, its sub-actions. */
export function ActionTree({ actions, spaceId }: { actions: ShownAction[]; spaceId: string }) {
  const { t } = useTranslation();
  if (actions.length === 0) return null;
  return (
    <ol className="plan-tree">
      {actions.map((action) => (
        <li key={action.id} className="plan-tree__item">
          <p className="plan-tree__title">
            <Link to={`/spaces/${spaceId}/plan/actions/${action.id}`} dir="auto">
              {action.title}
            </Link>{" "}
            <StatusBadge status={action.status} />
            {action.overdue ? (
              <span className="badge badge--rejected">{t("plans.action.overdue")}</span>
            ) : null}
            {action.proposedReports > 0 ? (
              <span className="badge badge--pending">
                {t("plans.action.proposedReports", { count: action.proposedReports })}
              </span>
            ) : null}
          </p>
          <p className="review__meta">
            {t("plans.action.leadBy")} <span dir="auto">{action.leadOrganisation}</span>
            {action.partners.length > 0 ? (
              <>
                {" · "}
                {t("plans.action.partners")} <span dir="auto">{action.partners.join(", ")}</span>
              </>
            ) : null}
            {" · "}
            {t("plans.action.due")} <time dateTime={action.dueDateTime}>{action.due}</time>
          </p>
          <p className="review__meta">
            <Progress value={action.progress} label={t("plans.progress.approved")} />
            {action.children.length > 0 ? (
              <>
                {" · "}
                <Progress value={action.rolledUp} label={t("plans.progress.subActions")} />
              </>
            ) : null}
          </p>
          <ActionTree actions={action.children} spaceId={spaceId} />
        </li>
      ))}
    </ol>
  );
}
