import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionTree, Progress } from "~/components/plans/action-tree";
import { AdoptionSection } from "~/components/plans/adoption";
import { ChildPlans } from "~/components/plans/child-plans";
import { PlanComments } from "~/components/plans/comments";
import { editableStatuses, type PlanStatus } from "~/modules/action-plans/schema";
import type { loader } from "./spaces.$spaceId.plan.server";

export { action, loader } from "./spaces.$spaceId.plan.server";

/** The space's action plan: its goals, their actions and sub-actions, who owns them and how far they are. */
export default function PlanPage() {
  const { t } = useTranslation();
  const { overview, may, spaceId } = useLoaderData<typeof loader>();
  const base = `/spaces/${spaceId}/plan`;
  if (!overview)
    return (
      <section aria-labelledby="plan-heading" className="stack">
        <h2 id="plan-heading">{t("plans.page.title")}</h2>
        <p>{t("plans.page.none")}</p>
        {may.edit ? (
          <p>
            <Link to={`${base}/edit`} className="button">
              {t("plans.page.start")}
            </Link>
          </p>
        ) : null}
        <ChildPlans />
      </section>
    );
  const { plan, goals, counts } = overview;
  const editable = may.edit && editableStatuses.includes(plan.status as PlanStatus);
  return (
    <div className="stack">
      <section aria-labelledby="plan-heading" className="stack">
        <h2 id="plan-heading" dir="auto">
          {plan.title}
        </h2>
        <p className="review__meta">
          <span className="badge">{t(`plans.planStatuses.${plan.status}`)}</span> {plan.period}
          {plan.adoptedOn ? ` · ${t("plans.page.adoptedOn", { date: plan.adoptedOn })}` : null}
        </p>
        <p>
          <Progress value={overview.rolledUp} label={t("plans.progress.plan")} />
        </p>
        <p className="field__help">{t("plans.progress.averagedNote")}</p>
        <p>
          {t("plans.page.actionCount", { count: counts.actions })}
          {Object.entries(counts.byStatus).map(([status, count]) => (
            <span key={status}>
              {" "}
              · {t(`plans.actionStatuses.${status}`)}: {count}
            </span>
          ))}
          {counts.overdue > 0 ? (
            <strong> · {t("plans.page.overdue", { count: counts.overdue })}</strong>
          ) : null}
        </p>
        <p>
          <a href={`${base}/export.csv`} download>
            {t("plans.page.exportCsv")}
          </a>
          {" · "}
          <a href={`${base}/export.json`} download>
            {t("plans.page.exportJson")}
          </a>
        </p>
        {editable ? (
          <p className="actions">
            <Link to={`${base}/edit`} className="button button--quiet">
              {t("plans.page.editPlan")}
            </Link>
            <Link to={`${base}/goals/new`} className="button button--quiet">
              {t("plans.page.addGoal")}
            </Link>
          </p>
        ) : null}
      </section>
      {goals.length === 0 ? <p>{t("plans.page.noGoals")}</p> : null}
      {goals.map((goal) => (
        <section key={goal.id} aria-labelledby={`goal-${goal.id}`} className="card stack">
          <h3 id={`goal-${goal.id}`} dir="auto">
            {goal.title}
          </h3>
          <p className="review__meta">
            <span className="badge">{t(`plans.domains.${goal.domain}`)}</span>
            {goal.sdgTarget ? ` · ${t("plans.goal.sdg", { target: goal.sdgTarget })}` : null}
            {" · "}
            <Progress value={goal.rolledUp} label={t("plans.progress.goal")} />
          </p>
          {goal.description ? (
            <p className="prewrap" dir="auto">
              {goal.description}
            </p>
          ) : null}
          {goal.actions.length === 0 ? <p>{t("plans.goal.noActions")}</p> : null}
          <ActionTree actions={goal.actions} spaceId={spaceId} />
          {editable ? (
            <p className="actions">
              <Link to={`${base}/actions/new?goalId=${goal.id}`} className="button button--small">
                {t("plans.goal.addAction")}
              </Link>
              <Link to={`${base}/goals/${goal.id}`} className="button button--quiet button--small">
                {t("plans.goal.edit")}
              </Link>
            </p>
          ) : null}
        </section>
      ))}
      <ChildPlans />
      <PlanComments />
      <AdoptionSection />
    </div>
  );
}
