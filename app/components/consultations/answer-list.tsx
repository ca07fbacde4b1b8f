import { useTranslation } from "react-i18next";
import type { AnswerView } from "~/modules/consultations/review-queries.server";

/** An input's answers in their text form (see kinds/), as the review page and the feedback report list them. */
export function AnswerList({ answers }: { answers: AnswerView[] }) {
  const { t } = useTranslation();
  if (answers.length === 0) return <p>{t("consultations.review.noAnswers")}</p>;
  return (
    <dl className="answers">
      {answers.map((answer) => (
        <div key={answer.questionId}>
          <dt>{answer.prompt}</dt>
          <dd className="prewrap">{answer.text}</dd>
        </div>
      ))}
    </dl>
  );
}
