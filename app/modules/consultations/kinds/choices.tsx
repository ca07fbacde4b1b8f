import { useField } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { BarChart } from "~/components/ui/chart";
import { TextAreaField } from "~/components/ui/form";
import { nonEmptyLines } from "~/utils/validation";
import { QuestionFieldset, issue, questionBase, type InputFrame, type Tally } from "./kind";

/** What single choice, multiple choice and ranking share: a list of options the convener types. */

export type Choices = { choices: string[] };

/** Choices typed one per line: 2–20 distinct, non-empty, at most 200 characters each. */
const choicesField = z
  .string({ required_error: "consultations.builder.errors.optionsCount" })
  .max(20 * 202, "validation.tooLong")
  .transform(nonEmptyLines)
  .superRefine((choices, context) => {
    if (choices.length < 2 || choices.length > 20)
      issue(context, "consultations.builder.errors.optionsCount");
    if (choices.some((option) => option.length > 200))
      issue(context, "consultations.builder.errors.optionTooLong");
    const seen = new Set<string>();
    for (const option of choices) {
      const key = option.toLocaleLowerCase();
      if (seen.has(key)) {
        issue(context, `consultations.builder.errors.optionDuplicate?option=${encodeURIComponent(option)}`);
        break;
      }
      seen.add(key);
    }
  });

/** The builder's part of a kind answered from a list of options. */
export function choicesBuilder<K extends string>(kind: K) {
  return {
    schema: z.object({ kind: z.literal(kind), ...questionBase, choices: choicesField }),
    options: (value: { choices: string[] }) => value.choices,
    formValues: ({ choices }: Choices) => ({ choices: choices.join("\n") }),
    Fields: ChoicesFields,
  };
}

function ChoicesFields({ formId }: { formId: string }) {
  const { t } = useTranslation();
  const [choices] = useField<string | undefined>("choices", { formId });
  return (
    <TextAreaField
      field={choices}
      label={t("consultations.builder.questions.fields.choices")}
      help={t("consultations.builder.questions.help.choices")}
      rows={6}
    />
  );
}

/** Stored choices: the list of options. */
export const readChoices = (stored: unknown): Choices => ({ choices: z.array(z.string()).parse(stored) });

/** The options as radio buttons (one choice) or checkboxes (any). */
export function ChoiceList({
  frame,
  choices,
  type,
  checked,
}: {
  frame: InputFrame;
  choices: string[];
  type: "radio" | "checkbox";
  checked: (option: string) => boolean;
}) {
  return (
    <QuestionFieldset frame={frame}>
      <div className="question__choices">
        {choices.map((option, index) => (
          <label key={option}>
            <input
              type={type}
              id={`${frame.id}-${index}`}
              name={frame.name}
              value={option}
              defaultChecked={checked(option)}
              disabled={frame.disabled}
              // A checkbox is one answer among several: none of them is required on its own.
              required={type === "radio" ? frame.required : undefined}
            />{" "}
            {option}
          </label>
        ))}
      </div>
    </QuestionFieldset>
  );
}

export type ChoiceCounts = { options: { label: string; count: number }[] };

/** How many inputs chose each option (single and multiple choice). */
export const choiceCounts = ({ choices }: Choices, tally: Tally): ChoiceCounts => ({
  options: choices.map((label) => ({ label, count: tally.get(label)?.count ?? 0 })),
});

const percent = (count: number, of: number) => (of === 0 ? 0 : Math.round((count / of) * 100));

/** The choices made, as bars and as a table with each option's share of the inputs that answered. */
export function ChoiceCountsView({
  result,
  title,
}: {
  result: ChoiceCounts & { answered: number };
  title: string;
}) {
  const { t } = useTranslation();
  return (
    <BarChart
      label={t("consultations.results.chart.choices", { question: title })}
      caption={t("consultations.results.table.choices", { question: title })}
      columns={[
        t("consultations.results.table.option"),
        t("consultations.results.table.inputs"),
        t("consultations.results.table.share"),
      ]}
      rows={result.options.map((option) => ({
        label: option.label,
        value: option.count,
        shown: String(option.count),
        cells: [
          String(option.count),
          t("consultations.results.table.percent", { value: percent(option.count, result.answered) }),
        ],
      }))}
    />
  );
}
