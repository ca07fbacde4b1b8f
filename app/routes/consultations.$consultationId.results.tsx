import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FreeTextAnswers } from "~/components/consultations/free-text-answers";
import { QuestionResult } from "~/components/consultations/question-result";
import { ResultsCounts } from "~/components/consultations/results-counts";
import type { loader } from "./consultations.$consultationId.results.server";

export { loader } from "./consultations.$consultationId.results.server";

/** The conveners' results: live counts, each question's chart and data table, and the free-text answers. */
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
      <ResultsCounts counts={data.counts} rate={data.rate} />
      <section aria-labelledby="results-questions-heading" className="stack">
        <h3 id="results-questions-heading">{t("consultations.results.questions.title")}</h3>
        {data.results.length === 0 ? <p>{t("consultations.results.questions.empty")}</p> : null}
        {data.results.map((result, index) => (
          <QuestionResult
            key={result.id}
            result={result}
            number={index + 1}
            submitted={data.counts.submitted}
          />
        ))}
      </section>
      {data.listed.length > 0 ? (
        <FreeTextAnswers
          listed={data.listed}
          themes={data.themes}
          filter={data.filter}
          answers={data.answers}
        />
      ) : null}
    </div>
  );
}
