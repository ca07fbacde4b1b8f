import { z } from "zod";
import { normaliseName } from "./names";

/** For enums and selects: a missing value is "required", anything else not on the list an invalid choice. */
export const choice: { errorMap: z.ZodErrorMap } = {
  errorMap: (issue) => ({
    message:
      issue.code === "invalid_type" && issue.received === "undefined"
        ? "validation.required"
        : "validation.invalidChoice",
  }),
};

/** A required free-text field of at most `max` characters, trimmed. */
export function requiredText(max: number) {
  return z
    .string({ required_error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(max, "validation.tooLong");
}

/** An optional free-text field of at most `max` characters, trimmed; "" when left empty. */
export function optionalText(max: number) {
  return z.string().trim().max(max, "validation.tooLong").default("");
}

/** The lines of a text box, trimmed, blank ones dropped (lists typed one item per line). */
export function nonEmptyLines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * A required name (of an organisation, of a person) of at most `max` characters, normalised first: a name
 * of nothing but invisible characters is missing, and its length is the length people see.
 */
export function requiredName(max: number) {
  return (
    z
      .string({ required_error: "validation.required" })
      .transform(normaliseName)
      // Conform turns an empty result into undefined too: "required" either way.
      .pipe(
        z
          .string({ required_error: "validation.required" })
          .min(1, "validation.required")
          .max(max, "validation.tooLong"),
      )
  );
}
