import { z } from "zod";
import { personNameField } from "~/modules/auth/schema";
import { languages } from "~/utils/i18n";

/** The language choice that stores no language, so Concord follows what the browser asks for. */
export const followBrowser = "browser";

export const profileLanguages = [...languages, followBrowser] as const;
export type ProfileLanguage = (typeof profileLanguages)[number];

export const updateProfileSchema = z.object({
  name: personNameField,
  language: z.enum(profileLanguages, { errorMap: () => ({ message: "validation.invalidChoice" }) }),
});

/** How long a link confirming an address works. */
export const emailConfirmationValidHours = 24;

/** The confirmation forms are a single button: confirming a link, asking for a new one. */
export const emailConfirmationFormSchema = z.object({});
