import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/modules/auth/session.server";
import {
  isListedQuestion,
  requireResults,
  resultsFilterSchema,
  resultsPage,
  resultsQuestions,
  type QuestionResult,
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
    answers: answers && question ? { ...answers, kind: question.kind } : null,
  };
}

type ResultsData = Awaited<ReturnType<typeof loader>>;

const percent = (count: number, of: number) => (of === 0 ? 0 : Math.round((count / of) * 100));

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
  const heading = `results-question-${result.id}`;
  const title = t("consultations.results.questions.heading", { number, prompt: result.prompt });
  return (
    <article aria-labelledby={heading} className="card stack">
      <h4 id={heading}>{title}</h4>
      <p className="review__meta">
        {t(`consultations.results.kinds.${result.kind}`)} ·{" "}
        {t("consultations.results.questions.answered", { count: result.answered, total: submitted })}
      </p>
      <QuestionAggregate result={result} title={title} />
      {result.kind === "short_text" || result.kind === "long_text" || result.kind === "paragraph_comments" ? (
        <p>
          <Link to={answersLink}>{t("consultations.results.questions.readAnswers", { number })}</Link>
        </p>
      ) : null}
    </article>
  );
}

function QuestionAggregate({ result, title }: { result: QuestionResult; title: string }) {
  const { t } = useTranslation();
  switch (result.kind) {
    case "single_choice":
    case "multiple_choice":
      return (
        <>
          <Bars
            label={t("consultations.results.chart.choices", { question: title })}
            bars={result.options.map((option) => ({
              label: option.label,
              value: option.count,
              shown: String(option.count),
            }))}
          />
          <DataTable
            caption={t("consultations.results.table.choices", { question: title })}
            columns={[
              t("consultations.results.table.option"),
              t("consultations.results.table.inputs"),
              t("consultations.results.table.share"),
            ]}
            rows={result.options.map((option) => [
              option.label,
              String(option.count),
              t("consultations.results.table.percent", { value: percent(option.count, result.answered) }),
            ])}
          />
        </>
      );
    case "rating":
      return (
        <>
          <p>
            {result.mean === null
              ? t("consultations.results.rating.noMean")
              : t("consultations.results.rating.mean", {
                  mean: result.mean,
                  min: result.scale.min,
                  max: result.scale.max,
                })}
            {result.scale.minLabel || result.scale.maxLabel
              ? ` ${t("consultations.results.rating.labels", {
                  min: result.scale.min,
                  minLabel: result.scale.minLabel,
                  max: result.scale.max,
                  maxLabel: result.scale.maxLabel,
                })}`
              : null}
          </p>
          <Bars
            label={t("consultations.results.chart.rating", { question: title })}
            bars={result.distribution.map((point) => ({
              label: String(point.value),
              value: point.count,
              shown: String(point.count),
            }))}
          />
          <DataTable
            caption={t("consultations.results.table.rating", { question: title })}
            columns={[t("consultations.results.table.value"), t("consultations.results.table.inputs")]}
            rows={result.distribution.map((point) => [String(point.value), String(point.count)])}
          />
        </>
      );
    case "ranking": {
      const worst = result.options.length + 1;
      return (
        <>
          <p>{t("consultations.results.ranking.explain")}</p>
          <Bars
            label={t("consultations.results.chart.ranking", { question: title })}
            bars={result.options.map((option) => ({
              label: option.label,
              value: option.averageRank === null ? 0 : worst - option.averageRank,
              shown: option.averageRank === null ? "–" : String(option.averageRank),
            }))}
          />
          <DataTable
            caption={t("consultations.results.table.ranking", { question: title })}
            columns={[
              t("consultations.results.table.option"),
              t("consultations.results.table.averageRank"),
              t("consultations.results.table.rankedBy"),
            ]}
            rows={result.options.map((option) => [
              option.label,
              option.averageRank === null ? "–" : String(option.averageRank),
              String(option.count),
            ])}
          />
        </>
      );
    }
    case "paragraph_comments":
      return (
        <>
          <Bars
            label={t("consultations.results.chart.paragraphs", { question: title })}
            bars={result.paragraphs.map((paragraph) => ({
              label: t("consultations.results.paragraph", { number: paragraph.number }),
              value: paragraph.count,
              shown: String(paragraph.count),
            }))}
          />
          <DataTable
            caption={t("consultations.results.table.paragraphs", { question: title })}
            columns={[
              t("consultations.results.table.paragraph"),
              t("consultations.results.table.excerpt"),
              t("consultations.results.table.comments"),
            ]}
            rows={result.paragraphs.map((paragraph) => [
              t("consultations.results.paragraph", { number: paragraph.number }),
              paragraph.excerpt,
              String(paragraph.count),
            ])}
          />
        </>
      );
    default:
      return null;
  }
}

const barRow = 28;
const labelWidth = 220;
const barSpace = 300;
const clip = (text: string) => (text.length > 30 ? `${text.slice(0, 29)}…` : text);

/**
 * One horizontal bar per row, as inline SVG (presentation attributes and classes only: the CSP allows no style
 * attributes). The drawing reads left to right in every language; the table next to it carries the data.
 */
function Bars({ label, bars }: { label: string; bars: { label: string; value: number; shown: string }[] }) {
  const largest = Math.max(1, ...bars.map((bar) => bar.value));
  const summary = bars.map((bar) => `${bar.label}: ${bar.shown}`).join(", ");
  return (
    <svg
      role="img"
      aria-label={`${label} ${summary}`}
      viewBox={`0 0 ${labelWidth + barSpace + 60} ${Math.max(1, bars.length) * barRow}`}
      className="results-chart"
      direction="ltr"
    >
      {bars.map((bar, index) => {
        const width = (bar.value / largest) * barSpace;
        const y = index * barRow;
        return (
          <g key={`${index}-${bar.label}`}>
            <text x={labelWidth - 8} y={y + barRow / 2} textAnchor="end" dominantBaseline="middle">
              {clip(bar.label)}
            </text>
            <rect x={labelWidth} y={y + 5} width={width} height={barRow - 10} className="results-bar" />
            <text x={labelWidth + width + 6} y={y + barRow / 2} dominantBaseline="middle">
              {bar.shown}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function DataTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: string[][] }) {
  return (
    <div className="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([first, ...rest], index) => (
            <tr key={index}>
              <th scope="row">{first}</th>
              {rest.map((cell, column) => (
                <td key={column}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
            {answers.kind === "paragraph_comments"
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
