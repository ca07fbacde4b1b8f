import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Progress, StatusBadge } from "~/components/plans/action-tree";
import { Indicators } from "~/components/plans/indicators";
import { ReportForm, ReviewForm } from "~/components/plans/report-forms";
import type { action as pageAction, loader } from "./spaces.$spaceId.plan_.actions.$actionId.server";

export { action, loader } from "./spaces.$spaceId.plan_.actions.$actionId.server";

/** An action of the plan with its owners and progress reports; lead and partners report, reviewers decide. */
export default function PlanActionPage() {
  const { t } = useTranslation();
  const { spaceId, action, mayEdit, reportingFor, reports } = useLoaderData<typeof loader>();
  const plan = `/spaces/${spaceId}/plan`;
  // A review refused as the report was decided meanwhile: its form stays, to say so.
  const reply = useActionData<typeof pageAction>();
  const refusedReview = reply && "formId" in reply ? reply.formId : null;
  return (
    <div className="stack">
      <nav aria-label={t("plans.action.breadcrumb")}>
        <Link to={plan}>{t("plans.page.title")}</Link> › <span dir="auto">{action.goal.title}</span>
        {action.parent ? (
          <>
            {" › "}
            <Link to={`${plan}/actions/${action.parent.id}`} dir="auto">
              {action.parent.title}
            </Link>
          </>
        ) : null}
      </nav>
      <section aria-labelledby="action-heading" className="stack">
        <h2 id="action-heading" dir="auto">
          {action.title}
        </h2>
        <p>
          <StatusBadge status={action.status} />{" "}
          {action.overdue ? <span className="badge badge--rejected">{t("plans.action.overdue")}</span> : null}{" "}
          <span id="action-progress">
            <Progress value={action.progress} label={t("plans.progress.approved")} />
          </span>
        </p>
        {action.statusReason ? (
          <p className="prewrap">
            <strong>{t("plans.action.reason")}</strong> <span dir="auto">{action.statusReason}</span>
          </p>
        ) : null}
        <dl className="plan-facts">
          <dt>{t("plans.fields.lead")}</dt>
          <dd dir="auto">
            {action.lead.name}
            {action.lead.delegate ? ` (${action.lead.delegate})` : null}
          </dd>
          <dt>{t("plans.fields.partners")}</dt>
          <dd dir="auto">
            {action.partners.length === 0
              ? t("plans.action.noPartners")
              : action.partners
                  .map((partner) =>
                    partner.delegate ? `${partner.name} (${partner.delegate})` : partner.name,
                  )
                  .join(", ")}
          </dd>
          <dt>{t("plans.action.dates")}</dt>
          <dd>
            {action.start} – {action.due}
          </dd>
          <dt>{t("plans.fields.domain")}</dt>
          <dd>{t(`plans.domains.${action.goal.domain}`)}</dd>
        </dl>
        {action.problem ? (
          <>
            <h3>{t("plans.fields.problem")}</h3>
            <p className="prewrap" dir="auto">
              {action.problem}
            </p>
          </>
        ) : null}
        {mayEdit ? (
          <p className="actions">
            <Link to={`${plan}/actions/${action.id}/edit`} className="button button--quiet">
              {t("plans.action.edit")}
            </Link>
            <Link
              to={`${plan}/actions/new?goalId=${action.goal.id}&parentId=${action.id}`}
              className="button button--quiet"
            >
              {t("plans.action.addSubAction")}
            </Link>
          </p>
        ) : null}
        {action.children.length > 0 ? (
          <>
            <h3>{t("plans.action.subActions")}</h3>
            <ul>
              {action.children.map((child) => (
                <li key={child.id}>
                  <Link to={`${plan}/actions/${child.id}`} dir="auto">
                    {child.title}
                  </Link>{" "}
                  <StatusBadge status={child.status} /> {child.progress}%
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <Indicators />
      <section aria-labelledby="reports-heading" className="stack">
        <h3 id="reports-heading">{t("plans.reports.title")}</h3>
        <p className="field__help">{t("plans.reports.rule")}</p>
        {reports.length === 0 ? <p>{t("plans.reports.none")}</p> : null}
        <ol className="card-list">
          {reports.map((report) => (
            <li key={report.id} className="card stack">
              <article className="stack" aria-labelledby={`report-${report.id}`}>
                <h4 id={`report-${report.id}`} className="card__title">
                  {t("plans.reports.heading", { organisation: report.organisation, period: report.period })}
                </h4>
                <p>
                  <span className={report.state === "proposed" ? "badge badge--pending" : "badge"}>
                    {t(`plans.reportStates.${report.state}`)}
                  </span>{" "}
                  {t("plans.reports.proposes")} <StatusBadge status={report.proposedStatus} />
                  {report.percent !== null ? ` · ${report.percent}%` : null}
                  {report.milestone ? (
                    <>
                      {" · "}
                      {t("plans.reports.milestone")} <span dir="auto">{report.milestone}</span>
                    </>
                  ) : null}
                </p>
                <p className="review__meta">
                  {t("plans.reports.by", { name: report.author, date: report.submitted })}
                </p>
                <p className="prewrap" dir="auto">
                  {report.text}
                </p>
                {report.statusReason ? (
                  <p className="prewrap">
                    <strong>{t("plans.action.reason")}</strong> <span dir="auto">{report.statusReason}</span>
                  </p>
                ) : null}
                {report.evidenceUrl ? (
                  <p>
                    <a href={report.evidenceUrl} rel="noopener noreferrer nofollow">
                      {t("plans.reports.evidence")}
                    </a>
                  </p>
                ) : null}
                {report.reviewer ? (
                  <p className="notice prewrap">
                    {t("plans.reports.reviewedBy", { name: report.reviewer })}{" "}
                    <span dir="auto">{report.reviewComment}</span>
                  </p>
                ) : null}
                {report.mayReview || refusedReview === `review-${report.id}` ? (
                  <ReviewForm reportId={report.id} />
                ) : null}
              </article>
            </li>
          ))}
        </ol>
      </section>
      {reportingFor ? <ReportForm organisation={reportingFor} /> : null}
    </div>
  );
}
