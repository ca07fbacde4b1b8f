import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/modules/auth/session.server";
import { kindOf, type QuestionResult } from "~/modules/consultations/kinds";
import {
  isListedQuestion,
  requireResults,
  resultsFilterSchema,
  resultsPage,
  resultsQuestions,
} from "~/modules/consultations/results.server";
import { organisationTypes } from "~/modules/organisations/schema";

/**
 * The conveners' results: live counts (the layout revalidates them when the consultation changes), each
 * question's aggregates as a chart with its data table, and the free-text answers, filtered by a GET form.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const consultation = await requireResults(actor, params.consultationId ?? "");
  const filter = resultsFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const questions = await resultsQuestions(consultation.id);
  const listed = questions.filter(isListedQuestion);
  const question = listed.find((candidate) => candidate.id === filter.question) ?? listed[0];
  const { counts, results, themes, answers } = await resultsPage(consultation, questions, question, filter);
  return {
    consultation: { id: consultation.id, title: consultation.title },
    counts,
    results,
    themes,
    listed: listed.map(({ id, prompt }) => ({
      id,
      prompt,
      number: questions.findIndex((q) => q.id === id) + 1,
    })),
    filter: { question: question?.id ?? "", theme: filter.theme ?? "", type: filter.type ?? "" },
    answers: answers && question ? { ...answers, listed: kindOf(question.kind).results.listed } : null,
  };
}

type ResultsData = Awaited<ReturnType<typeof loader>>;

export default function ConsultationResults() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/consultations/${data.consultation.id}`;
  return (
    <div className="stack">
      <h2>{t("consultations.results.title")}</h2>
      <p className="actions">
        <a href={`${base}/export.csv`} className="button button--quiet" download>
          {t("consultations.results.export.csv")}
        </a>
        <a href={`${base}/export.json`} className="button button--quiet" download>
          {t("consultations.results.export.json")}
        </a>
      </p>
      <LiveCounts counts={data.counts} />
      <section aria-labelledby="results-questions-heading" className="stack">
        <h3 id="results-questions-heading">{t("consultations.results.questions.title")}</h3>
        {data.results.length === 0 ? <p>{t("consultations.results.questions.empty")}</p> : null}
        {data.results.map((result, index) => (
          <QuestionSection
            key={result.id}
            result={result}
            number={index + 1}
            submitted={data.counts.submitted}
            answersLink={`?question=${result.id}#results-answers-heading`}
          />
        ))}
      </section>
      {data.listed.length > 0 ? <FreeTextAnswers data={data} /> : null}
    </div>
  );
}

function LiveCounts({ counts }: { counts: ResultsData["counts"] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="results-counts-heading" className="stack">
      <h3 id="results-counts-heading">{t("consultations.results.counts.title")}</h3>
      <p className="results-total" aria-live="polite">
        {t("consultations.results.counts.submitted", { count: counts.submitted })}{" "}
        {counts.aggregated > 0
          ? t("consultations.results.counts.aggregated", { count: counts.aggregated })
          : null}{" "}
        {counts.drafts > 0 ? t("consultations.results.counts.drafts", { count: counts.drafts }) : null}
      </p>
      {counts.byType.length > 0 ? (
        <div className="table-scroll">
          <table>
            <caption>{t("consultations.results.counts.byType")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("consultations.results.counts.type")}</th>
                <th scope="col">{t("consultations.results.counts.inputs")}</th>
              </tr>
            </thead>
            <tbody>
              {counts.byType.map((row) => (
                <tr key={row.type}>
                  <th scope="row">{t(`organisations.types.${row.type}`)}</th>
                  <td>{row.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function QuestionSection({
  result,
  number,
  submitted,
  answersLink,
}: {
  result: QuestionResult;
  number: number;
  submitted: number;
  answersLink: string;
}) {
  const { t } = useTranslation();
  const { View, listed } = kindOf(result.kind).results;
  const heading = `results-question-${result.id}`;
  const title = t("consultations.results.questions.heading", { number, prompt: result.prompt });
  return (
    <article aria-labelledby={heading} className="card stack">
      <h4 id={heading}>{title}</h4>
      <p className="review__meta">
        {t(`consultations.common.kinds.${result.kind}`)} ·{" "}
        {t("consultations.results.questions.answered", { count: result.answered, total: submitted })}
      </p>
      <View result={result} title={title} />
      {listed ? (
        <p>
          <Link to={answersLink}>{t("consultations.results.questions.readAnswers", { number })}</Link>
        </p>
      ) : null}
    </article>
  );
}

function FreeTextAnswers({ data }: { data: ResultsData }) {
  const { t } = useTranslation();
  const { filter, answers } = data;
  const pageLink = (page: number) =>
    `?${new URLSearchParams({
      ...Object.fromEntries(Object.entries(filter).filter(([, value]) => value)),
      page: String(page),
    })}#results-answers-heading`;
  return (
    <section aria-labelledby="results-answers-heading" className="stack">
      <h3 id="results-answers-heading">{t("consultations.results.answers.title")}</h3>
      <Form
        method="get"
        className="space-filters"
        role="search"
        aria-label={t("consultations.results.answers.filters")}
      >
        <div className="field">
          <label htmlFor="results-question">{t("consultations.results.answers.question")}</label>
          <select id="results-question" name="question" defaultValue={filter.question} key={filter.question}>
            {data.listed.map((question) => (
              <option key={question.id} value={question.id}>
                {t("consultations.results.questions.heading", {
                  number: question.number,
                  prompt: question.prompt,
                })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="results-theme">{t("consultations.results.answers.theme")}</label>
          <select id="results-theme" name="theme" defaultValue={filter.theme} key={filter.theme}>
            <option value="">{t("consultations.results.answers.any")}</option>
            {data.themes.map((theme) => (
              <option key={theme} value={theme}>
                {t(`spaces.themes.${theme}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="results-type">{t("consultations.results.answers.type")}</label>
          <select id="results-type" name="type" defaultValue={filter.type} key={filter.type}>
            <option value="">{t("consultations.results.answers.any")}</option>
            {organisationTypes.map((type) => (
              <option key={type} value={type}>
                {t(`organisations.types.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <p className="actions">
          <button type="submit" className="button">
            {t("consultations.results.answers.submit")}
          </button>
        </p>
      </Form>
      {answers ? (
        <>
          <p role="status">
            {answers.listed === "comments"
              ? t("consultations.results.answers.commentCount", { count: answers.total })
              : t("consultations.results.answers.count", { count: answers.total })}
          </p>
          <ul className="card-list">
            {answers.answers.map((answer, index) => (
              <li key={`${answer.submissionId}-${answer.paragraph ?? index}`} className="card stack">
                <p className="review__meta">
                  {answer.organisationName} · {t(`organisations.types.${answer.organisationType}`)}
                  {answer.isAggregated ? (
                    <>
                      {" "}
                      <span className="badge">{t("consultations.results.answers.aggregated")}</span>
                    </>
                  ) : null}
                  {answer.paragraph !== null
                    ? ` · ${t("consultations.results.paragraph", { number: answer.paragraph })}`
                    : null}
                </p>
                <p className="results-answer">{answer.text}</p>
                {answer.themes.length > 0 ? (
                  <p className="review__meta">
                    {t("consultations.results.answers.themes", {
                      themes: answer.themes.map((theme) => t(`spaces.themes.${theme}`)).join(", "),
                    })}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
          {answers.pageCount > 1 ? (
            <nav aria-label={t("consultations.results.answers.pagination")} className="actions">
              {answers.page > 1 ? (
                <Link to={pageLink(answers.page - 1)} rel="prev">
                  {t("consultations.results.answers.previous")}
                </Link>
              ) : null}
              <span>
                {t("consultations.results.answers.position", {
                  page: answers.page,
                  pageCount: answers.pageCount,
                })}
              </span>
              {answers.page < answers.pageCount ? (
                <Link to={pageLink(answers.page + 1)} rel="next">
                  {t("consultations.results.answers.next")}
                </Link>
              ) : null}
            </nav>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
