import { z } from "zod";
import { choice, requiredText } from "~/utils/validation";

export const consultationLanguages = ["en", "fr", "ar"] as const;
export type ConsultationLanguage = (typeof consultationLanguages)[number];

export const consultationAudiences = ["participants", "chosen", "public"] as const;

export const questionKinds = [
  "short_text",
  "long_text",
  "single_choice",
  "multiple_choice",
  "rating",
  "ranking",
  "paragraph_comments",
] as const;
export type QuestionKind = (typeof questionKinds)[number];

export function isQuestionKind(value: unknown): value is QuestionKind {
  return typeof value === "string" && (questionKinds as readonly string[]).includes(value);
}

/** When a space has no promise at CONSULT, feedback is due this many days after closing. */
export const defaultFeedbackDays = 30;

const dayMs = 24 * 60 * 60 * 1000;

/** A date as the form holds it (YYYY-MM-DD, read in UTC). */
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

function dateField(edge: "start" | "end") {
  return z
    .string()
    .trim()
    .refine(
      (value) => dayPattern.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)),
      "consultations.builder.errors.date",
    )
    .transform((value) => {
      const start = new Date(`${value}T00:00:00Z`);
      // A consultation closes, and feedback is due, at the end of the day named.
      return edge === "start" ? start : new Date(start.getTime() + dayMs - 1);
    });
}

/** A stored date as the date field shows it. */
export function dayValue(date: Date | null | undefined): string {
  return date ? date.toISOString().slice(0, 10) : "";
}

/** The default date feedback is due: the promised number of days after closing. */
export function defaultFeedbackDue(closesAt: Date, feedbackDays: number): Date {
  return new Date(closesAt.getTime() + feedbackDays * dayMs);
}

const optionalText = (max: number) => z.string().trim().max(max, "validation.tooLong").default("");

/** Background documents: one https link per line; blank lines are dropped. */
const backgroundField = z
  .string()
  .max(2000, "validation.tooLong")
  .default("")
  .transform((value) =>
    value
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean),
  )
  .superRefine((links, context) => {
    links.forEach((link, index) => {
      if (!isHttpsLink(link))
        context.addIssue({
          code: "custom",
          message: `consultations.builder.errors.backgroundLink?line=${index + 1}`,
        });
    });
  })
  .transform((links) => links.join("\n"));

function isHttpsLink(value: string): boolean {
  if (value.length > 500 || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.includes(".");
  } catch {
    return false;
  }
}

/** The background links of a consultation, as stored (one per line). */
export function backgroundLinks(background: string): string[] {
  return background
    .split("\n")
    .map((line) => line.trim())
    .filter(isHttpsLink);
}

/**
 * A consultation's description, audience and dates, as a convener writes them. When feedbackDueAt is left
 * empty, the command sets it from the space's promise at CONSULT.
 */
export const consultationSchema = z
  .object({
    title: requiredText(200),
    purpose: requiredText(5000),
    openToChange: optionalText(2000),
    notOpenToChange: optionalText(2000),
    decision: optionalText(2000),
    decisionMaker: optionalText(200),
    background: backgroundField,
    languages: z
      .array(z.string(), { required_error: "consultations.builder.errors.languagesRequired" })
      .min(1, "consultations.builder.errors.languagesRequired")
      // Checked on the whole list, so the error shows on the group of checkboxes.
      .refine(
        (values) => values.every((value) => (consultationLanguages as readonly string[]).includes(value)),
        "validation.invalidChoice",
      )
      .transform((values) => consultationLanguages.filter((language) => values.includes(language))),
    audience: z.enum(consultationAudiences, choice),
    organisationIds: z.array(z.string().trim().min(1).max(64)).max(500).default([]),
    opensAt: dateField("start").optional(),
    closesAt: dateField("end").optional(),
    feedbackDueAt: dateField("end").optional(),
  })
  .superRefine((value, context) => {
    const issue = (path: string, message: string) =>
      context.addIssue({ code: "custom", path: [path], message });
    if (value.audience === "chosen" && value.organisationIds.length === 0)
      issue("organisationIds", "consultations.builder.errors.organisationsRequired");
    if (!value.closesAt) return issue("closesAt", "validation.required");
    if (value.closesAt.getTime() <= Date.now())
      issue("closesAt", "consultations.builder.errors.closesInPast");
    if (value.opensAt && value.opensAt.getTime() > value.closesAt.getTime())
      issue("closesAt", "consultations.builder.errors.closesBeforeOpening");
    if (value.feedbackDueAt && value.feedbackDueAt.getTime() <= value.closesAt.getTime())
      issue("feedbackDueAt", "consultations.builder.errors.feedbackBeforeClosing");
  })
  .transform(({ closesAt, ...value }) => ({ ...value, closesAt: closesAt! }));
export type ConsultationFields = z.infer<typeof consultationSchema>;

// ——— Questions ———

/** The scale of a rating question. */
export type RatingScale = { min: number; max: number; minLabel: string; maxLabel: string };

/** A question's options, typed by its kind. */
export type QuestionOptions =
  | { kind: "short_text" | "long_text" }
  | { kind: "single_choice" | "multiple_choice" | "ranking"; choices: string[] }
  | ({ kind: "rating" } & RatingScale)
  | { kind: "paragraph_comments"; paragraphs: string[] };

const storedStrings = z.array(z.string());
const storedScale = z.object({
  min: z.number().int(),
  max: z.number().int(),
  minLabel: z.string().default(""),
  maxLabel: z.string().default(""),
});

/** Reads a question's stored options (the `options` column) for its kind. */
export function parseQuestionOptions(kind: string, optionsJson: string): QuestionOptions {
  const raw: unknown = JSON.parse(optionsJson || "null");
  switch (kind) {
    case "short_text":
    case "long_text":
      return { kind };
    case "single_choice":
    case "multiple_choice":
    case "ranking":
      return { kind, choices: storedStrings.parse(raw) };
    case "rating":
      return { kind, ...storedScale.parse(raw) };
    case "paragraph_comments":
      return { kind, paragraphs: storedStrings.parse(raw) };
    default:
      throw new Error(`Unknown question kind: ${kind}`);
  }
}

/** Splits a draft document into its numbered paragraphs: blocks separated by blank lines. */
export function splitParagraphs(draft: string): string[] {
  return draft
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

const questionBase = {
  prompt: requiredText(500),
  help: optionalText(1000),
  required: z.boolean().default(false),
};

/** Choices typed one per line: 2–20 distinct, non-empty, at most 200 characters each. */
const choicesField = z
  .string({ required_error: "consultations.builder.errors.optionsCount" })
  .max(20 * 202, "validation.tooLong")
  .transform((value) =>
    value
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean),
  )
  .superRefine((choices, context) => {
    const issue = (message: string) => context.addIssue({ code: "custom", message });
    if (choices.length < 2 || choices.length > 20) issue("consultations.builder.errors.optionsCount");
    if (choices.some((option) => option.length > 200)) issue("consultations.builder.errors.optionTooLong");
    const seen = new Set<string>();
    for (const option of choices) {
      const key = option.toLocaleLowerCase();
      if (seen.has(key)) {
        issue(`consultations.builder.errors.optionDuplicate?option=${encodeURIComponent(option)}`);
        break;
      }
      seen.add(key);
    }
  });

const scalePoint = z
  .number({ errorMap: () => ({ message: "consultations.builder.errors.ratingRange" }) })
  .int("consultations.builder.errors.ratingRange")
  .min(0, "consultations.builder.errors.ratingRange")
  .max(10, "consultations.builder.errors.ratingRange");

/** One question as the builder's form sends it; `options` comes out as the JSON to store. */
export const questionSchema = z
  .discriminatedUnion(
    "kind",
    [
      z.object({ kind: z.literal("short_text"), ...questionBase }),
      z.object({ kind: z.literal("long_text"), ...questionBase }),
      z.object({ kind: z.literal("single_choice"), ...questionBase, choices: choicesField }),
      z.object({ kind: z.literal("multiple_choice"), ...questionBase, choices: choicesField }),
      z.object({ kind: z.literal("ranking"), ...questionBase, choices: choicesField }),
      z.object({
        kind: z.literal("rating"),
        ...questionBase,
        min: scalePoint,
        max: scalePoint,
        minLabel: z.string().trim().max(50, "validation.tooLong").default(""),
        maxLabel: z.string().trim().max(50, "validation.tooLong").default(""),
      }),
      z.object({
        kind: z.literal("paragraph_comments"),
        ...questionBase,
        draft: requiredText(50_000),
      }),
    ],
    choice,
  )
  .superRefine((value, context) => {
    if (value.kind === "rating" && value.min >= value.max)
      context.addIssue({
        code: "custom",
        path: ["max"],
        message: "consultations.builder.errors.ratingOrder",
      });
  })
  .transform((value) => {
    const { kind, prompt, help, required } = value;
    let options: unknown = [];
    if ("choices" in value) options = value.choices;
    if (value.kind === "rating")
      options = { min: value.min, max: value.max, minLabel: value.minLabel, maxLabel: value.maxLabel };
    if (value.kind === "paragraph_comments") options = splitParagraphs(value.draft);
    return { kind, prompt, help, required, options: JSON.stringify(options) };
  });
export type QuestionFields = z.infer<typeof questionSchema>;

/** A question's stored options as the builder's form shows them again. */
export function questionFormValues(question: {
  kind: string;
  prompt: string;
  help: string;
  required: boolean;
  options: string;
}): Record<string, string> {
  const options = parseQuestionOptions(question.kind, question.options);
  const values: Record<string, string> = {
    kind: question.kind,
    prompt: question.prompt,
    help: question.help,
    ...(question.required ? { required: "on" } : {}),
  };
  if ("choices" in options) values.choices = options.choices.join("\n");
  if (options.kind === "rating")
    Object.assign(values, {
      min: String(options.min),
      max: String(options.max),
      minLabel: options.minLabel,
      maxLabel: options.maxLabel,
    });
  if (options.kind === "paragraph_comments") values.draft = options.paragraphs.join("\n\n");
  return values;
}

export const moveDirections = ["up", "down"] as const;
