import { z } from "zod";
import { spaceThemes } from "~/modules/spaces/schema";
import { choice, requiredText } from "~/utils/validation";

/** What became of an input: the conveners' answer in the feedback report. */
export const responseOutcomes = ["accepted", "partly_accepted", "not_accepted", "out_of_scope"] as const;
export type ResponseOutcome = (typeof responseOutcomes)[number];

/** Outcomes that changed something, so the response must say what. */
const outcomesWithChange: readonly ResponseOutcome[] = ["accepted", "partly_accepted"];

/** The review page shows this many inputs a page (each with its tag form); a response is for at most that many. */
export const reviewPageSize = 20;

const idField = z.string({ required_error: "validation.required" }).trim().min(1).max(64);

/** A convener tags one input with themes of the space themes list (none clears the tags). */
export const tagInputSchema = z.object({
  intent: z.literal("tag"),
  submissionId: idField,
  themes: z.array(z.enum(spaceThemes, choice)).max(spaceThemes.length).default([]),
});
export type TagInputValues = z.infer<typeof tagInputSchema>;

/** One response written for one or several inputs on the same point. */
export const respondSchema = z
  .object({
    intent: z.literal("respond"),
    submissionIds: z
      .array(idField, { required_error: "consultations.review.errors.noInputs" })
      .min(1, "consultations.review.errors.noInputs")
      .max(reviewPageSize, "consultations.review.errors.noInputs"),
    outcome: z.enum(responseOutcomes, choice),
    explanation: requiredText(4000),
    changeMade: z.string().trim().max(4000, "validation.tooLong").default(""),
  })
  .superRefine((value, context) => {
    if (outcomesWithChange.includes(value.outcome) && value.changeMade === "") {
      context.addIssue({
        code: "custom",
        path: ["changeMade"],
        message: "consultations.review.errors.changeRequired",
      });
    }
  });
export type RespondValues = z.infer<typeof respondSchema>;

export const publishSchema = z.object({ intent: z.literal("publish") });

/** One finding of personal data a convener replaces with "[removed]" in an aggregated input (see redact-input). */
export const redactSchema = z.object({
  intent: z.literal("redact"),
  submissionId: z.string().min(1).max(100),
  key: z.string().min(1).max(100),
  part: z.string().max(100).default(""),
  start: z.coerce.number().int().min(0),
  text: z.string().min(1).max(2000),
});

/** The review list's filter; anything unreadable means every input. */
export const reviewFilterSchema = z.object({
  show: z.enum(["all", "unanswered"]).catch("all"),
});
export type ReviewFilter = z.infer<typeof reviewFilterSchema>;
