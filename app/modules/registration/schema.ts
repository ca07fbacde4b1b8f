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

/** The administrators' list: which status, which page. Anything unreadable falls back to the first page of pending. */
export const reviewFilterSchema = z.object({
  status: z.enum(verificationStatuses).catch("pending"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

const rejectionReason = "admin.decision.reasonRequired";

export const verifyDecisionSchema = z.object({
  decision: z.literal("verify"),
  note: z.string().trim().max(1000, "validation.tooLong").optional(),
});

export const rejectDecisionSchema = z.object({
  decision: z.literal("reject"),
  note: z
    .string({ required_error: rejectionReason })
    .trim()
    .min(1, rejectionReason)
    .max(1000, "validation.tooLong"),
});

/** An administrator's decision: verifying may carry a note, rejecting must say why. */
export const decisionSchema = z.discriminatedUnion("decision", [verifyDecisionSchema, rejectDecisionSchema], {
  errorMap: () => ({ message: "validation.invalidChoice" }),
});
export type Decision = z.infer<typeof decisionSchema>;
