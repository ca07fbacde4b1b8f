import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InvalidCursorNotice, Pagination, type PaginationLinks } from "~/components/ui/pagination";
import type { TextAnswer } from "~/modules/consultations/results.server";
import { organisationTypes } from "~/modules/organisations/schema";

export type FreeTextAnswersProps = {
  /** The questions whose answers are listed, numbered as in the form. */
  listed: { id: string; prompt: string; number: number }[];
  themes: string[];
  filter: { question: string; theme: string; type: string };
  answers: {
    answers: TextAnswer[];
    links: PaginationLinks;
    total: { count: number; more: boolean };
    listedAs: "answers" | "comments";
  } | null;
};

/** One question's free-text answers (or comments by paragraph), filtered by theme and organisation type. */
export function FreeTextAnswers({ listed, themes, filter, answers }: FreeTextAnswersProps) {
  const { t } = useTranslation();
  const a = "consultations.results.answers";
  return (
    <section aria-labelledby="results-answers-heading" className="stack">
      <h3 id="results-answers-heading">{t(`${a}.title`)}</h3>
      <Form method="get" className="space-filters" role="search" aria-label={t(`${a}.filters`)}>
        <div className="field">
          <label htmlFor="results-question">{t(`${a}.question`)}</label>
          <select id="results-question" name="question" defaultValue={filter.question} key={filter.question}>
            {listed.map((question) => (
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
          <label htmlFor="results-theme">{t(`${a}.theme`)}</label>
          <select id="results-theme" name="theme" defaultValue={filter.theme} key={filter.theme}>
            <option value="">{t(`${a}.any`)}</option>
            {themes.map((theme) => (
              <option key={theme} value={theme}>
                {t(`spaces.themes.${theme}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="results-type">{t(`${a}.type`)}</label>
          <select id="results-type" name="type" defaultValue={filter.type} key={filter.type}>
            <option value="">{t(`${a}.any`)}</option>
            {organisationTypes.map((type) => (
              <option key={type} value={type}>
                {t(`organisations.types.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <p className="actions">
          <button type="submit" className="button">
            {t(`${a}.submit`)}
          </button>
        </p>
      </Form>
      {answers ? (
        <>
          <InvalidCursorNotice links={answers.links} />
          <p role="status">
            {t(
              `${a}.${answers.listedAs === "comments" ? "commentCount" : "count"}${answers.total.more ? "More" : ""}`,
              { count: answers.total.count },
            )}
          </p>
          <ul className="card-list">
            {answers.answers.map((answer) => (
              <li key={`${answer.submissionId}-${answer.paragraph ?? 0}`} className="card stack">
                <p className="review__meta">
                  {answer.organisationName} · {t(`organisations.types.${answer.organisationType}`)}
                  {answer.isAggregated ? (
                    <>
                      {" "}
                      <span className="badge">{t(`${a}.aggregated`)}</span>
                    </>
                  ) : null}
                  {answer.paragraph !== null
                    ? ` · ${t("consultations.results.paragraph", { number: answer.paragraph })}`
                    : null}
                </p>
                <p className="results-answer">{answer.text}</p>
                {answer.themes.length > 0 ? (
                  <p className="review__meta">
                    {t(`${a}.themes`, {
                      themes: answer.themes.map((theme) => t(`spaces.themes.${theme}`)).join(", "),
                    })}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
          <Pagination label={t(`${a}.pagination`)} links={answers.links} kind="time" />
        </>
      ) : null}
    </section>
  );
}
