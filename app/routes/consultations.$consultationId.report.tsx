import { Form, Link, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AnswerList } from "~/components/consultations/answer-list";
import { ResponseCard } from "~/components/consultations/response-card";
import { InvalidCursorNotice, Pagination } from "~/components/ui/pagination";
import { responseOutcomes } from "~/modules/consultations/review-schema";
import { DateText } from "~/components/ui/date";
import { findingMessage } from "~/modules/consultations/personal-data";
import { translateMessage } from "~/utils/i18n";
import type { loader } from "./consultations.$consultationId.report.server";

export { loader } from "./consultations.$consultationId.report.server";

/** "You said, we did": every input next to the conveners' response, and the changes made. */
export default function FeedbackReportPage() {
  const { t } = useTranslation();
  const report = useLoaderData<typeof loader>();
  const { inputs, links, outcomeCounts, changes, changesTotal, total, preview } = report;
  return (
    <article className="stack feedback-report" aria-labelledby="report-heading">
      {preview ? <PublicationPreview preview={preview} /> : null}
      <header className="stack">
        <h2 id="report-heading">{t("consultations.report.title")}</h2>
        {report.publishedAt ? (
          <p className="review__meta">
            {t("consultations.report.publishedOn")} <DateText value={report.publishedAt} />
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
        <InvalidCursorNotice links={links} />
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
                <ResponseCard
                  response={input.response}
                  missing={<p>{t("consultations.report.noResponse")}</p>}
                />
              </div>
            </li>
          ))}
        </ol>
        <Pagination label={t("consultations.review.pagination.label")} links={links} />
      </section>
    </article>
  );
}

type Preview = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["preview"]>;

/** Shown to the conveners above the report before it is published: what publishing will do, and the button. */
function PublicationPreview({ preview }: { preview: Preview }) {
  const { t } = useTranslation();
  const p = "consultations.report.preview";
  const review = `/consultations/${useParams().consultationId ?? ""}/review`;
  return (
    <section className="notice stack" aria-labelledby="preview-heading">
      <h2 id="preview-heading">{t(`${p}.title`)}</h2>
      <p>{t(`${p}.lead`)}</p>
      <ul>
        <li>{t(`${p}.readers.${preview.readers}`)}</li>
        <li>
          {t(`${p}.notified`, {
            count: preview.organisations,
            people: t("consultations.people", { count: preview.people }),
          })}
        </li>
      </ul>
      {preview.findings.length > 0 ? <ReportFindings findings={preview.findings} review={review} /> : null}
      {preview.ready ? (
        <Form method="post" action={review} className="actions">
          <input type="hidden" name="intent" value="publish" />
          <input type="hidden" name="confirmed" value="yes" />
          <button type="submit" className="button">
            {t(`${p}.submit`)}
          </button>
          <Link to={review} className="button button--quiet">
            {t(`${p}.back`)}
          </Link>
        </Form>
      ) : (
        <p>
          {preview.unanswered > 0 ? t(`${p}.blocked`, { count: preview.unanswered }) : null}{" "}
          {preview.findings.length > 0 ? t("consultations.personalData.report.blocked") : null}{" "}
          <Link to={review}>{t(`${p}.back`)}</Link>
        </p>
      )}
    </section>
  );
}

/**
 * The personal data the report would show: in an aggregated input, each with a button that replaces it with
 * "[removed]" in the published text; in a response, for the conveners to reword in the review.
 */
function ReportFindings({ findings, review }: { findings: Preview["findings"]; review: string }) {
  const { t } = useTranslation();
  const r = "consultations.personalData.report";
  return (
    <section className="stack" aria-labelledby="report-findings-heading">
      <h3 id="report-findings-heading">{t(`${r}.title`)}</h3>
      <p>{t(`${r}.lead`)}</p>
      <ul className="stack">
        {findings.map((finding, index) => (
          <li key={index}>
            {finding.in === "input" ? (
              <Form method="post" action={review} className="stack">
                <p dir="auto">
                  {t(`${r}.input`, {
                    organisation: finding.organisation,
                    where: finding.where || t("consultations.respond.aggregated.note"),
                  })}{" "}
                  <strong>{translateMessage(t, findingMessage(finding))}</strong>
                </p>
                <input type="hidden" name="intent" value="redact" />
                <input type="hidden" name="submissionId" value={finding.submissionId} />
                <input type="hidden" name="key" value={finding.key} />
                <input type="hidden" name="part" value={finding.part} />
                <input type="hidden" name="start" value={finding.start} />
                <input type="hidden" name="text" value={finding.text} />
                <div className="actions">
                  <button type="submit" className="button button--quiet">
                    {t(`${r}.redact`, { text: finding.text })}
                  </button>
                </div>
              </Form>
            ) : (
              <p dir="auto">
                {t(`${r}.response`, { organisation: finding.organisation })}{" "}
                <strong>{translateMessage(t, findingMessage(finding))}</strong>{" "}
                <Link to={review}>{t("consultations.report.preview.back")}</Link>
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
