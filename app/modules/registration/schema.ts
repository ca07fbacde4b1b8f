import { z } from "zod";
import { emailField, newPasswordField, personNameField } from "~/modules/auth/schema";
import {
  governanceLevelField,
  organisationProfileFields,
  organisationTypeField,
} from "~/modules/organisations/schema";

/** What a signed-in person gives to register their organisation. */
export const organisationRegistrationSchema = z.object({
  ...organisationProfileFields,
  type: organisationTypeField,
  governanceLevel: governanceLevelField,
});
export type OrganisationRegistration = z.infer<typeof organisationRegistrationSchema>;

/** A visitor registers the organisation and opens their own account in the same form. */
export const visitorRegistrationSchema = organisationRegistrationSchema.extend({
  accountName: personNameField,
  accountEmail: emailField,
  password: newPasswordField,
});
export type NewAccount = { name: string; email: string; password: string };

export const verificationStatuses = ["pending", "verified", "rejected"] as const;

/** The administrators' queues: each verification status, and the verified organisations waiting for a new name. */
export const reviewQueues = [...verificationStatuses, "renames"] as const;
export type ReviewQueue = (typeof reviewQueues)[number];

/** The administrators' list: which queue. Anything unreadable falls back to pending. */
export const reviewFilterSchema = z.object({ status: z.enum(reviewQueues).catch("pending") });

const rejectionReason = "admin.decision.reasonRequired";

const note = z.string().trim().max(1000, "validation.tooLong").optional();
const reason = z
  .string({ required_error: rejectionReason })
  .trim()
  .min(1, rejectionReason)
  .max(1000, "validation.tooLong");
/**
 * The name the administrator saw when deciding: a decision is for that name only. A post without it is
 * taken as made on a page that is out of date (the command refuses it with that message).
 */
const reviewedName = z.string().max(300).catch("");

export const verifyDecisionSchema = z.object({ decision: z.literal("verify"), note, reviewedName });

export const rejectDecisionSchema = z.object({ decision: z.literal("reject"), note: reason, reviewedName });

export const confirmRenameSchema = z.object({ decision: z.literal("confirm-rename"), reviewedName });

export const refuseRenameSchema = z.object({
  decision: z.literal("refuse-rename"),
  note: reason,
  reviewedName,
});

/**
 * An administrator's decision: verifying may carry a note, rejecting must say why; a verified
 * organisation's new name is confirmed, or refused with the reason.
 */
export const decisionSchema = z.discriminatedUnion(
  "decision",
  [verifyDecisionSchema, rejectDecisionSchema, confirmRenameSchema, refuseRenameSchema],
  { errorMap: () => ({ message: "validation.invalidChoice" }) },
);
export type Decision = z.infer<typeof decisionSchema>;
export type VerificationDecision = Extract<Decision, { decision: "verify" | "reject" }>;
export type RenameDecision = Extract<Decision, { decision: "confirm-rename" | "refuse-rename" }>;

export function isRenameDecision(decision: Decision): decision is RenameDecision {
  return decision.decision === "confirm-rename" || decision.decision === "refuse-rename";
}
