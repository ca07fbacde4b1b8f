import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { kindOf, type QuestionResult as Result } from "~/modules/consultations/kinds";

/** One question's aggregate as its kind shows it (chart and data table), and a link to its listed answers. */
export function QuestionResult({
  result,
  number,
  submitted,
}: {
  result: Result;
  number: number;
  /** How many inputs were submitted in all. */
  submitted: number;
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
          <Link to={`?question=${result.id}#results-answers-heading`}>
            {t("consultations.results.questions.readAnswers", { number })}
          </Link>
        </p>
      ) : null}
    </article>
  );
}
