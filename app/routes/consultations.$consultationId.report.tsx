import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ResponseView } from "~/components/consultations/response-view";
import { AnswerList } from "~/components/consultations/answer-list";
import { readConsultation } from "~/modules/consultations/access.server";
import { feedbackReport } from "~/modules/consultations/review-queries.server";
import { reportPageSchema, responseOutcomes } from "~/modules/consultations/review-schema";
import { notFound } from "~/utils/errors";
import { resolveLanguage } from "~/utils/i18n.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const consultationId = params.consultationId ?? "";
  const { actor, resource: consultation } = await readConsultation(request, consultationId);
  // Until the conveners publish it, the report does not exist for anyone.
  if (consultation.status !== "published") notFound();
  const { page } = reportPageSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [{ publishedAt, ...report }, language] = await Promise.all([
    feedbackReport(consultationId, page),
    resolveLanguage(request, actor),
  ]);
  // Dates are written on the server, in UTC, so the page reads the same before and after hydration.
  const date = new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" });
  return {
    ...report,
    published: publishedAt ? date.format(publishedAt) : null,
    publishedDateTime: publishedAt?.toISOString() ?? null,
  };
}

/** "You said, we did": every input next to the conveners' response, and the changes made. */
export default function FeedbackReportPage() {
  const { t } = useTranslation();
  const report = useLoaderData<typeof loader>();
  const { inputs, page, pageCount, outcomeCounts, changes, changesTotal, total } = report;
  return (
    <article className="stack feedback-report" aria-labelledby="report-heading">
      <header className="stack">
        <h2 id="report-heading">{t("consultations.report.title")}</h2>
        {report.published && report.publishedDateTime ? (
          <p className="review__meta">
            {t("consultations.report.publishedOn")}{" "}
            <time dateTime={report.publishedDateTime}>{report.published}</time>
          </p>
        ) : null}
        {report.decision ? (
          <p className="prewrap">
            <strong>{t("consultations.report.decision")}</strong> {report.decision}
            {report.decisionMaker ? ` (${report.decisionMaker})` : null}
          </p>
        ) : null}
        <p className="print-hint">{t("consultations.report.printHint")}</p>
      </header>

      <section aria-labelledby="summary-heading" className="stack">
        <h3 id="summary-heading">{t("consultations.report.summary")}</h3>
        <p>{t("consultations.report.inputs", { count: total })}</p>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("consultations.report.outcomesCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("consultations.report.outcome")}</th>
                <th scope="col">{t("consultations.report.inputCount")}</th>
              </tr>
            </thead>
            <tbody>
              {responseOutcomes.map((outcome) => (
                <tr key={outcome}>
                  <th scope="row">{t(`consultations.review.outcomes.${outcome}`)}</th>
                  <td>{outcomeCounts[outcome]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3 id="changes-heading">{t("consultations.report.changes")}</h3>
        {changes.length === 0 ? (
          <p>{t("consultations.report.noChanges")}</p>
        ) : (
          <ul aria-labelledby="changes-heading" className="stack">
            {changes.map((change) => (
              <li key={change.id}>
                <span className="badge">{t(`consultations.review.outcomes.${change.outcome}`)}</span>{" "}
                <span className="prewrap">{change.changeMade}</span>{" "}
                <small>{t("consultations.report.changeInputs", { count: change.inputs })}</small>
              </li>
            ))}
          </ul>
        )}
        {changesTotal > changes.length ? (
          <p>{t("consultations.report.moreChanges", { count: changesTotal - changes.length })}</p>
        ) : null}
      </section>

      <section aria-labelledby="inputs-heading" className="stack">
        <h3 id="inputs-heading">{t("consultations.report.inputsTitle")}</h3>
        <ol className="card-list">
          {inputs.map((input) => (
            <li key={input.id} className="card report-entry">
              <div className="stack">
                <h4 className="card__title">
                  {input.isAggregated ? t("consultations.report.aggregated") : input.organisation.name}
                </h4>
                {input.isAggregated ? (
                  <p className="review__meta">
                    {t("consultations.report.gatheredBy", { organisation: input.organisation.name })}
                  </p>
                ) : (
                  <p className="review__meta">{t(`organisations.types.${input.organisation.type}`)}</p>
                )}
                {input.isAggregated && input.aggregatedNote ? (
                  <p className="prewrap">{input.aggregatedNote}</p>
                ) : null}
                <h5>{t("consultations.report.youSaid")}</h5>
                <AnswerList answers={input.answers} />
              </div>
              <div className="stack report-entry__response">
                <h5>{t("consultations.report.weDid")}</h5>
                {input.response ? (
                  <ResponseView response={input.response} />
                ) : (
                  <p>{t("consultations.report.noResponse")}</p>
                )}
              </div>
            </li>
          ))}
        </ol>
        {pageCount > 1 ? (
          <nav aria-label={t("consultations.review.pagination.label")} className="actions">
            {page > 1 ? (
              <Link to={`?page=${page - 1}`} rel="prev">
                {t("consultations.review.pagination.previous")}
              </Link>
            ) : null}
            <span>{t("consultations.review.pagination.position", { page, pageCount })}</span>
            {page < pageCount ? (
              <Link to={`?page=${page + 1}`} rel="next">
                {t("consultations.review.pagination.next")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </article>
  );
}
