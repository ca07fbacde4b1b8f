import { z } from "zod";
import { choice, requiredText } from "~/utils/validation";
import { spaceThemes } from "~/modules/spaces/schema";

export const concernStatuses = [
  "open",
  "answered",
  "addressed",
  "not_taken_up",
  "withdrawn",
  "duplicate",
] as const;
export type ConcernStatus = (typeof concernStatuses)[number];
/** What a convener's answer may say became of a concern. */
export const answerStatuses = ["answered", "addressed", "not_taken_up"] as const;

export const raiseConcernSchema = z.object({
  intent: z.literal("raise"),
  text: requiredText(4000),
  theme: z.enum(spaceThemes, choice),
});
export type RaiseConcernInput = z.infer<typeof raiseConcernSchema>;

export const answerConcernSchema = z.object({
  intent: z.literal("answer"),
  concernId: z.string().min(1).max(64),
  answer: requiredText(4000),
  status: z.enum(answerStatuses, choice),
});
export type AnswerConcernInput = z.infer<typeof answerConcernSchema>;

/** The organisation that raised a concern changes its words or theme while it waits for an answer. */
export const editConcernSchema = z.object({
  intent: z.literal("edit"),
  concernId: z.string().min(1).max(64),
  text: requiredText(4000),
  theme: z.enum(spaceThemes, choice),
});
export type EditConcernInput = z.infer<typeof editConcernSchema>;

export const withdrawConcernSchema = z.object({
  intent: z.literal("withdraw"),
  concernId: z.string().min(1).max(64),
});

/** A convener marks an open concern a duplicate of another concern of the space. */
export const markDuplicateSchema = z.object({
  intent: z.literal("duplicate"),
  concernId: z.string().min(1).max(64),
  duplicateOfId: z.string({ required_error: "validation.required" }).min(1, "validation.required").max(64),
});
export type MarkDuplicateInput = z.infer<typeof markDuplicateSchema>;

/** The register's filters; anything unreadable means "all". */
export const concernFilterSchema = z.object({
  status: z.enum(concernStatuses).optional().catch(undefined),
  theme: z.enum(spaceThemes).optional().catch(undefined),
});
export type ConcernFilter = z.infer<typeof concernFilterSchema>;
