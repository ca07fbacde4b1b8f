import { z } from "zod";
import { emailField, newPasswordField, personNameField } from "~/modules/auth/schema";

export const invitationRoles = ["member", "admin"] as const;

/** How long an invitation link works. */
export const invitationValidDays = 7;

export const createInvitationSchema = z.object({
  email: emailField,
  role: z.enum(invitationRoles, {
    errorMap: (issue) => ({
      message:
        issue.code === "invalid_type" && issue.received === "undefined"
          ? "validation.required"
          : "validation.invalidChoice",
    }),
  }),
});

export const revokeInvitationSchema = z.object({
  invitationId: z.string().min(1).max(100),
});

/** Someone new to Concord: their name and a password create the account that joins. */
export const acceptAsNewPersonSchema = z.object({
  name: personNameField,
  password: newPasswordField,
});

/** Someone signed in with the invited address only confirms. */
export const joinSchema = z.object({});
