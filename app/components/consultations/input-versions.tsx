import { DateText } from "~/components/ui/date";
import { useTranslation } from "react-i18next";
import { answerTextOf, kindOf, questionOptions } from "~/modules/consultations/kinds";
import type { Answer } from "~/modules/consultations/kinds/kind";
import type { QuestionInputQuestion } from "./question-input";

type Version = {
  version: number;
  submittedAt: string | Date;
  submittedBy: string;
  answers: Record<string, Answer>;
  aggregatedNote: string;
};

/** The versions an organisation submitted, newest first, each read back in full. */
export function InputVersions({
  versions,
  aggregated,
  questions,
}: {
  versions: Version[];
  aggregated: boolean;
  questions: QuestionInputQuestion[];
}) {
  const { t } = useTranslation();
  if (versions.length === 0) return null;
  return (
    <details className="stack">
      <summary>{t("consultations.respond.versions.title")}</summary>
      <ol className="card-list" reversed>
        {versions.map((version) => (
          <li key={version.version} className="stack">
            <p>
              <strong>{t("consultations.respond.versions.version", { version: version.version })}</strong>{" "}
              <DateText value={version.submittedAt} style="moment" /> ·{" "}
              {t("consultations.respond.versions.by", { name: version.submittedBy })}
            </p>
            <dl className="details">
              {aggregated ? (
                <>
                  <dt>{t("consultations.respond.aggregated.note")}</dt>
                  <dd className="prewrap">{version.aggregatedNote}</dd>
                </>
              ) : null}
              {questions.map((question) => (
                <SubmittedAnswer
                  key={question.id}
                  question={question}
                  answer={version.answers[question.id]}
                />
              ))}
            </dl>
          </li>
        ))}
      </ol>
    </details>
  );
}

/** A submitted answer read back: as its kind shows it, or as its text form. */
function SubmittedAnswer({
  question,
  answer,
}: {
  question: QuestionInputQuestion;
  answer: Answer | undefined;
}) {
  const { t } = useTranslation();
  const { AnswerView: KindView } = kindOf(question.kind);
  return (
    <>
      <dt>{question.prompt}</dt>
      <dd>
        {answer === undefined ? (
          <em>{t("consultations.respond.versions.unanswered")}</em>
        ) : KindView ? (
          <KindView options={questionOptions(question)} answer={answer} />
        ) : (
          <span className="prewrap">{answerTextOf(question)(answer)}</span>
        )}
      </dd>
    </>
  );
}
