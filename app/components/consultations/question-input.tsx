import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/ui/form";
import { kindOf, questionOptions } from "~/modules/consultations/kinds";
import type { Answer } from "~/modules/consultations/kinds/kind";

export type QuestionInputQuestion = {
  id: string;
  kind: string;
  prompt: string;
  help: string;
  required: boolean;
  /** The stored options JSON (read by the question's kind). */
  options: string;
};

/**
 * One question as respondents see it, with the input of its kind (kinds/), named from `name` the way
 * Conform reads it: text, choice and rating → `name`; multiple choice → `name` repeated; ranking →
 * `name[0]`, `name[1]` … (position → option); paragraph comments → `name.<paragraph number>`. `disabled`
 * renders it read-only (the builder's preview). `idPrefix` keeps element ids unique when one page holds
 * several forms of the same questions.
 */
export function QuestionInput({
  question,
  value,
  disabled = false,
  name,
  idPrefix = "",
  errors,
}: {
  question: QuestionInputQuestion;
  /** The answer in its stored shape. */
  value?: Answer;
  disabled?: boolean;
  name: string;
  idPrefix?: string;
  errors?: string[];
}) {
  const { t } = useTranslation();
  const id = `q-${`${idPrefix}${name}`.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  const helpId = question.help ? `${id}-help` : undefined;
  const errorId = `${id}-error`;
  const { Input } = kindOf(question.kind);
  return (
    <Input
      options={questionOptions(question)}
      value={value}
      frame={{
        id,
        name,
        disabled,
        required: question.required && !disabled,
        describedBy: [helpId, errors?.length ? errorId : undefined].filter(Boolean).join(" ") || undefined,
        invalid: errors?.length ? true : undefined,
        prompt: (
          <>
            {question.prompt}{" "}
            <span className="question__required">
              {question.required
                ? t("consultations.common.question.required")
                : t("consultations.common.question.optional")}
            </span>
          </>
        ),
        help: helpId ? (
          <p id={helpId} className="field__help prewrap">
            {question.help}
          </p>
        ) : null,
        errors: <ErrorList id={errorId} errors={errors} />,
      }}
    />
  );
}
