import { z } from "zod";
import { choice, nonEmptyLines, optionalText, requiredText } from "~/utils/validation";

export const consultationLanguages = ["en", "fr", "ar"] as const;
export type ConsultationLanguage = (typeof consultationLanguages)[number];

export const consultationAudiences = ["participants", "chosen", "public"] as const;

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

/** Background documents: one https link per line; blank lines are dropped. */
const backgroundField = z
  .string()
  .max(2000, "validation.tooLong")
  .default("")
  .transform(nonEmptyLines)
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
  return nonEmptyLines(background).filter(isHttpsLink);
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

/** Which way a question moves in the form. */
export const moveDirections = ["up", "down"] as const;
