import { z } from "zod";
import { choice, requiredText } from "~/utils/validation";
import { spaceThemes } from "~/modules/spaces/schema";

export const concernStatuses = ["open", "answered", "addressed", "not_taken_up"] as const;
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

/** The register's filters; anything unreadable means "all". */
export const concernFilterSchema = z.object({
  status: z.enum(concernStatuses).optional().catch(undefined),
  theme: z.enum(spaceThemes).optional().catch(undefined),
});
export type ConcernFilter = z.infer<typeof concernFilterSchema>;
