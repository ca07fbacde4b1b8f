import { useField } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { BarChart } from "~/components/ui/chart";
import { SelectField, TextField } from "~/components/ui/form";
import { QuestionFieldset, answerError, issue, questionBase, twoDecimals, defineKind } from "./kind";

/** The scale of a rating question. */
export type RatingScale = { min: number; max: number; minLabel: string; maxLabel: string };

export type RatingResult = {
  scale: RatingScale;
  distribution: { value: number; count: number }[];
  /** The mean rating, to two decimals; null when no one rated. */
  mean: number | null;
};

const scalePoint = z
  .number({ errorMap: () => ({ message: "consultations.builder.errors.ratingRange" }) })
  .int("consultations.builder.errors.ratingRange")
  .min(0, "consultations.builder.errors.ratingRange")
  .max(10, "consultations.builder.errors.ratingRange");

const scaleLabel = z.string().trim().max(50, "validation.tooLong").default("");

const storedScale = z.object({
  min: z.number().int(),
  max: z.number().int(),
  minLabel: z.string().default(""),
  maxLabel: z.string().default(""),
});

/** A whole number on a scale of at most 0 to 10, labelled at both ends; the results give the distribution and mean. */
export const rating = defineKind({
  kind: "rating",
  builder: {
    schema: z.object({
      kind: z.literal("rating"),
      ...questionBase,
      min: scalePoint,
      max: scalePoint,
      minLabel: scaleLabel,
      maxLabel: scaleLabel,
    }),
    check(value, context) {
      if (value.min >= value.max) issue(context, "consultations.builder.errors.ratingOrder", ["max"]);
    },
    options: ({ min, max, minLabel, maxLabel }) => ({ min, max, minLabel, maxLabel }),
    formValues: (scale) => ({
      min: String(scale.min),
      max: String(scale.max),
      minLabel: scale.minLabel,
      maxLabel: scale.maxLabel,
    }),
    defaults: { min: "1", max: "5" },
    Fields: RatingFields,
  },
  options: (stored: unknown): RatingScale => storedScale.parse(stored),
  answer: {
    read(raw) {
      if (raw === undefined || raw === null || raw === "") return undefined;
      const value = typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw.trim()) : NaN;
      return Number.isFinite(value) ? value : null;
    },
    schema: ({ min, max }) =>
      z
        .number()
        .refine(
          (value) => Number.isInteger(value) && value >= min && value <= max,
          answerError(`outOfScale?min=${min}&max=${max}`),
        ),
  },
  text: (_scale, answer) => String(answer),
  Input({ frame, options: scale, value }) {
    const points = Array.from({ length: scale.max - scale.min + 1 }, (_, index) => scale.min + index);
    return (
      <QuestionFieldset frame={frame}>
        <div className="question__scale">
          {scale.minLabel ? <span className="question__scale-label">{scale.minLabel}</span> : null}
          {points.map((point) => (
            <label key={point}>
              <input
                type="radio"
                id={`${frame.id}-${point}`}
                name={frame.name}
                value={point}
                defaultChecked={value === point}
                disabled={frame.disabled}
                required={frame.required}
              />{" "}
              {point}
            </label>
          ))}
          {scale.maxLabel ? <span className="question__scale-label">{scale.maxLabel}</span> : null}
        </div>
      </QuestionFieldset>
    );
  },
  results: {
    tally: (_scale, answer) => [{ bucket: String(answer) }],
    aggregate(scale, tally): RatingResult {
      const distribution: { value: number; count: number }[] = [];
      for (let value = scale.min; value <= scale.max; value++)
        distribution.push({ value, count: tally.get(String(value))?.count ?? 0 });
      const total = distribution.reduce((sum, point) => sum + point.count, 0);
      const sum = distribution.reduce((all, point) => all + point.value * point.count, 0);
      return { scale, distribution, mean: total === 0 ? null : twoDecimals(sum / total) };
    },
    View: RatingView,
  },
});

const scalePoints = Array.from({ length: 11 }, (_, point) => ({
  value: String(point),
  label: String(point),
}));

function RatingFields({ formId }: { formId: string }) {
  const { t } = useTranslation();
  const [min] = useField<string | undefined>("min", { formId });
  const [max] = useField<string | undefined>("max", { formId });
  const [minLabel] = useField<string | undefined>("minLabel", { formId });
  const [maxLabel] = useField<string | undefined>("maxLabel", { formId });
  const f = "consultations.builder.questions.fields";
  const h = "consultations.builder.questions.help";
  return (
    <>
      <SelectField field={min} label={t(`${f}.min`)} options={scalePoints} />
      <SelectField field={max} label={t(`${f}.max`)} options={scalePoints} />
      <TextField field={minLabel} label={t(`${f}.minLabel`)} help={t(`${h}.minLabel`)} />
      <TextField field={maxLabel} label={t(`${f}.maxLabel`)} help={t(`${h}.maxLabel`)} />
    </>
  );
}

function RatingView({ result, title }: { result: RatingResult; title: string }) {
  const { t } = useTranslation();
  const { scale } = result;
  return (
    <>
      <p>
        {result.mean === null
          ? t("consultations.results.rating.noMean")
          : t("consultations.results.rating.mean", { mean: result.mean, min: scale.min, max: scale.max })}
        {scale.minLabel || scale.maxLabel
          ? ` ${t("consultations.results.rating.labels", {
              min: scale.min,
              minLabel: scale.minLabel,
              max: scale.max,
              maxLabel: scale.maxLabel,
            })}`
          : null}
      </p>
      <BarChart
        label={t("consultations.results.chart.rating", { question: title })}
        caption={t("consultations.results.table.rating", { question: title })}
        columns={[t("consultations.results.table.value"), t("consultations.results.table.inputs")]}
        rows={result.distribution.map((point) => ({
          label: String(point.value),
          value: point.count,
          shown: String(point.count),
          cells: [String(point.count)],
        }))}
      />
    </>
  );
}
