import { z } from "zod";
import { requiredName } from "~/utils/validation";

export const emailField = z
  .string({ required_error: "validation.required" })
  .trim()
  .toLowerCase()
  .max(254, "validation.tooLong")
  .email("validation.email");

/** NIST SP 800-63B: length matters, composition rules do not; common passwords are refused on the server. */
export const newPasswordField = z
  .string({ required_error: "validation.required" })
  .min(12, "validation.passwordTooShort")
  .max(256, "validation.passwordTooLong");

/** Shown to others: normalised like organisations' names, so it cannot hide a right-to-left override. */
export const personNameField = requiredName(120);

export const signInSchema = z.object({
  email: emailField,
  password: z.string({ required_error: "validation.required" }).max(256, "validation.passwordTooLong"),
  redirectTo: z.string().max(2000).optional(),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ required_error: "validation.required" })
      .max(256, "validation.passwordTooLong"),
    newPassword: newPasswordField,
    confirmPassword: z
      .string({ required_error: "validation.required" })
      .max(256, "validation.passwordTooLong"),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "validation.passwordsDiffer",
  });

export const revokeSessionSchema = z.object({
  sessionId: z.string({ required_error: "validation.required" }).max(100, "validation.tooLong"),
});

/** Where a person who has not confirmed their address is sent. */
export const confirmEmailPath = "/confirm-email";
