import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/ui/form";
import { parseQuestionOptions } from "~/modules/consultations/schema";

export type QuestionInputQuestion = {
  id: string;
  kind: string;
  prompt: string;
  help: string;
  required: boolean;
  /** The stored options JSON (see parseQuestionOptions). */
  options: string;
};

/** An answer in its stored shape (see modules/consultations/answers.ts). */
export type QuestionInputValue = string | number | string[] | Record<string, string>;

/**
 * One question as respondents see it, with the input for its kind, named from `name` the way Conform reads
 * it: text, choice and rating → `name`; multiple choice → `name` repeated; ranking → `name[0]`, `name[1]` …
 * (position → option); paragraph comments → `name.<paragraph number>`. `disabled` renders it read-only
 * (the builder's preview). `idPrefix` keeps element ids unique when one page holds several forms of the
 * same questions.
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
  value?: QuestionInputValue;
  disabled?: boolean;
  name: string;
  idPrefix?: string;
  errors?: string[];
}) {
  const { t } = useTranslation();
  const id = `q-${`${idPrefix}${name}`.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  const helpId = question.help ? `${id}-help` : undefined;
  const errorId = `${id}-error`;
  const describedBy = [helpId, errors?.length ? errorId : undefined].filter(Boolean).join(" ") || undefined;
  const invalid = errors?.length ? true : undefined;
  const options = parseQuestionOptions(question.kind, question.options);
  const text = typeof value === "string" ? value : "";
  const list = Array.isArray(value) ? value : [];
  const required = question.required && !disabled;

  const mark = (
    <span className="question__required">
      {question.required
        ? t("consultations.common.question.required")
        : t("consultations.common.question.optional")}
    </span>
  );
  const legend = (
    <legend>
      {question.prompt} {mark}
    </legend>
  );
  const help = helpId ? (
    <p id={helpId} className="field__help prewrap">
      {question.help}
    </p>
  ) : null;
  const errorList = <ErrorList id={errorId} errors={errors} />;

  if (options.kind === "short_text" || options.kind === "long_text") {
    const Input = options.kind === "short_text" ? "input" : "textarea";
    return (
      <div className="field question">
        <label htmlFor={id} className="question__prompt">
          {question.prompt} {mark}
        </label>
        {help}
        <Input
          id={id}
          name={name}
          defaultValue={text}
          disabled={disabled}
          required={required}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          {...(options.kind === "long_text" ? { rows: 6 } : { type: "text" })}
        />
        {errorList}
      </div>
    );
  }

  if (options.kind === "single_choice" || options.kind === "multiple_choice") {
    const type = options.kind === "single_choice" ? "radio" : "checkbox";
    return (
      <fieldset className="fieldset question" aria-describedby={describedBy}>
        {legend}
        {help}
        <div className="question__choices">
          {options.choices.map((option, index) => (
            <label key={option}>
              <input
                type={type}
                id={`${id}-${index}`}
                name={name}
                value={option}
                defaultChecked={type === "radio" ? text === option : list.includes(option)}
                disabled={disabled}
                required={type === "radio" ? required : undefined}
              />{" "}
              {option}
            </label>
          ))}
        </div>
        {errorList}
      </fieldset>
    );
  }

  if (options.kind === "rating") {
    const points = Array.from({ length: options.max - options.min + 1 }, (_, index) => options.min + index);
    return (
      <fieldset className="fieldset question" aria-describedby={describedBy}>
        {legend}
        {help}
        <div className="question__scale">
          {options.minLabel ? <span className="question__scale-label">{options.minLabel}</span> : null}
          {points.map((point) => (
            <label key={point}>
              <input
                type="radio"
                id={`${id}-${point}`}
                name={name}
                value={point}
                defaultChecked={value === point || text === String(point)}
                disabled={disabled}
                required={required}
              />{" "}
              {point}
            </label>
          ))}
          {options.maxLabel ? <span className="question__scale-label">{options.maxLabel}</span> : null}
        </div>
        {errorList}
      </fieldset>
    );
  }

  if (options.kind === "ranking") {
    return (
      <fieldset className="fieldset question" aria-describedby={describedBy}>
        {legend}
        <p className="field__help">{t("consultations.common.question.rankingHelp")}</p>
        {help}
        <ol className="question__ranking">
          {options.choices.map((_, position) => (
            <li key={position} className="field">
              <label htmlFor={`${id}-${position}`}>
                {t("consultations.common.question.rank", { position: position + 1 })}
              </label>
              <select
                id={`${id}-${position}`}
                name={`${name}[${position}]`}
                defaultValue={list[position] ?? ""}
                disabled={disabled}
                required={required}
              >
                <option value="">{t("consultations.common.question.rankChoose")}</option>
                {options.choices.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            </li>
          ))}
        </ol>
        {errorList}
      </fieldset>
    );
  }

  if (options.kind !== "paragraph_comments") return null;
  const comments = value && typeof value === "object" && !Array.isArray(value) ? value : {};
  return (
    <fieldset className="fieldset question" aria-describedby={describedBy}>
      {legend}
      <p className="field__help">{t("consultations.common.question.paragraphsHelp")}</p>
      {help}
      <ol className="question__paragraphs">
        {options.paragraphs.map((paragraph, index) => {
          const number = index + 1;
          return (
            <li key={number} className="question__paragraph">
              <p className="prewrap">
                <span className="question__paragraph-number">{number}.</span> {paragraph}
              </p>
              <div className="field">
                <label htmlFor={`${id}-p${number}`}>
                  {t("consultations.common.question.commentOn", { number })}
                </label>
                <textarea
                  id={`${id}-p${number}`}
                  name={`${name}.${number}`}
                  defaultValue={comments[String(number)] ?? ""}
                  disabled={disabled}
                  rows={2}
                />
              </div>
            </li>
          );
        })}
      </ol>
      {errorList}
    </fieldset>
  );
}
