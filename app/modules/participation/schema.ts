import { z } from "zod";
import { choice, requiredText } from "~/utils/validation";
import { levels } from "~/modules/engagement/levels";

/** Reasons, rationales and invitation messages are kept to this length. */
export const maxReasonLength = 1000;

const id = z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(100);
const level = z.enum(levels, choice);
const reasonText = requiredText(maxReasonLength);
const optionalText = z.string().trim().max(maxReasonLength, "validation.tooLong").optional();

export const inviteOrganisationSchema = z.object({
  intent: z.literal("invite"),
  organisationId: id,
  level,
  message: optionalText,
});

export const changeLevelSchema = z.object({
  intent: z.literal("change-level"),
  organisationId: id,
  level,
  rationale: reasonText,
});

export const removeParticipantSchema = z.object({
  intent: z.literal("remove"),
  organisationId: id,
  rationale: reasonText,
});

export const invitationResponses = ["accept", "decline"] as const;

export const respondInvitationSchema = z.object({
  intent: z.literal("respond"),
  organisationId: id,
  response: z.enum(invitationResponses, choice),
});

export const nameDelegatesSchema = z.object({
  intent: z.literal("delegates"),
  organisationId: id,
  /** The lead delegate is always one of the delegates, ticked or not. */
  delegates: z.array(id).max(100, "validation.tooLong").default([]),
  lead: id,
});

export const requestLevelSchema = z.object({
  intent: z.literal("request-level"),
  organisationId: id,
  level,
  reason: reasonText,
});

export const leaveSpaceSchema = z.object({
  intent: z.literal("leave"),
  organisationId: id,
});

export const levelRequestDecisions = ["approve", "decline"] as const;

export const decideLevelRequestSchema = z
  .object({
    intent: z.literal("decide"),
    requestId: id,
    decision: z.enum(levelRequestDecisions, choice),
    reason: optionalText,
  })
  .refine((value) => value.decision === "approve" || Boolean(value.reason), {
    path: ["reason"],
    message: "participation.errors.reasonRequired",
  });

/** The search box of the invite form. */
export const participantsQuerySchema = z.object({ q: z.string().trim().max(120).catch("") });
