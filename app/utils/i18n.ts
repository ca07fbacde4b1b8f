import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import arAdmin from "~/locales/ar/admin.json";
import arAuth from "~/locales/ar/auth.json";
import arCommon from "~/locales/ar/common.json";
import arInvitations from "~/locales/ar/invitations.json";
import arOrganisations from "~/locales/ar/organisations.json";
import arPresence from "~/locales/ar/presence.json";
import arRegistration from "~/locales/ar/registration.json";
import arSettings from "~/locales/ar/settings.json";
import arConcerns from "~/locales/ar/concerns.json";
import arChannels from "~/locales/ar/channels.json";
import arConsultations from "~/locales/ar/consultations.json";
import arEngagement from "~/locales/ar/engagement.json";
import arNotifications from "~/locales/ar/notifications.json";
import arParticipation from "~/locales/ar/participation.json";
import arPlans from "~/locales/ar/plans.json";
import arSpaces from "~/locales/ar/spaces.json";
import arUpdates from "~/locales/ar/updates.json";
import arValidation from "~/locales/ar/validation.json";
import enAdmin from "~/locales/en/admin.json";
import enAuth from "~/locales/en/auth.json";
import enCommon from "~/locales/en/common.json";
import enInvitations from "~/locales/en/invitations.json";
import enOrganisations from "~/locales/en/organisations.json";
import enPresence from "~/locales/en/presence.json";
import enRegistration from "~/locales/en/registration.json";
import enSettings from "~/locales/en/settings.json";
import enConcerns from "~/locales/en/concerns.json";
import enChannels from "~/locales/en/channels.json";
import enConsultations from "~/locales/en/consultations.json";
import enEngagement from "~/locales/en/engagement.json";
import enNotifications from "~/locales/en/notifications.json";
import enParticipation from "~/locales/en/participation.json";
import enPlans from "~/locales/en/plans.json";
import enSpaces from "~/locales/en/spaces.json";
import enUpdates from "~/locales/en/updates.json";
import enValidation from "~/locales/en/validation.json";
import frAdmin from "~/locales/fr/admin.json";
import frAuth from "~/locales/fr/auth.json";
import frCommon from "~/locales/fr/common.json";
import frInvitations from "~/locales/fr/invitations.json";
import frOrganisations from "~/locales/fr/organisations.json";
import frPresence from "~/locales/fr/presence.json";
import frRegistration from "~/locales/fr/registration.json";
import frSettings from "~/locales/fr/settings.json";
import frConcerns from "~/locales/fr/concerns.json";
import frChannels from "~/locales/fr/channels.json";
import frConsultations from "~/locales/fr/consultations.json";
import frEngagement from "~/locales/fr/engagement.json";
import frNotifications from "~/locales/fr/notifications.json";
import frParticipation from "~/locales/fr/participation.json";
import frPlans from "~/locales/fr/plans.json";
import frSpaces from "~/locales/fr/spaces.json";
import frUpdates from "~/locales/fr/updates.json";
import frValidation from "~/locales/fr/validation.json";

export const languages = ["en", "fr", "ar"] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = "en";

/** Each language's own name, as its speakers write it (the language switcher shows these). */
export const languageNames: Record<Language, string> = { en: "English", fr: "Français", ar: "العربية" };

export const catalogues = {
  en: {
    admin: enAdmin,
    auth: enAuth,
    common: enCommon,
    invitations: enInvitations,
    organisations: enOrganisations,
    presence: enPresence,
    registration: enRegistration,
    settings: enSettings,
    concerns: enConcerns,
    channels: enChannels,
    consultations: enConsultations,
    engagement: enEngagement,
    notifications: enNotifications,
    participation: enParticipation,
    plans: enPlans,
    spaces: enSpaces,
    updates: enUpdates,
    validation: enValidation,
  },
  fr: {
    admin: frAdmin,
    auth: frAuth,
    common: frCommon,
    invitations: frInvitations,
    organisations: frOrganisations,
    presence: frPresence,
    registration: frRegistration,
    settings: frSettings,
    concerns: frConcerns,
    channels: frChannels,
    consultations: frConsultations,
    engagement: frEngagement,
    notifications: frNotifications,
    participation: frParticipation,
    plans: frPlans,
    spaces: frSpaces,
    updates: frUpdates,
    validation: frValidation,
  },
  ar: {
    admin: arAdmin,
    auth: arAuth,
    common: arCommon,
    invitations: arInvitations,
    organisations: arOrganisations,
    presence: arPresence,
    registration: arRegistration,
    settings: arSettings,
    concerns: arConcerns,
    channels: arChannels,
    consultations: arConsultations,
    engagement: arEngagement,
    notifications: arNotifications,
    participation: arParticipation,
    plans: arPlans,
    spaces: arSpaces,
    updates: arUpdates,
    validation: arValidation,
  },
} as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

export function textDirection(language: Language): "ltr" | "rtl" {
  return language === "ar" ? "rtl" : "ltr";
}

export function createI18n(language: Language): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: defaultLanguage,
    supportedLngs: [...languages],
    resources: Object.fromEntries(languages.map((code) => [code, { translation: catalogues[code] }])),
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

/**
 * Form errors travel as catalogue keys, with values after a "?" (see encodeMessage in forms.server.ts).
 * A `count` is made a number again: i18next chooses the plural form for numbers only.
 */
export function translateMessage(
  t: (key: string, values?: Record<string, string | number>) => string,
  message: string,
) {
  const [key = message, query] = message.split("?", 2);
  if (!query) return t(key);
  const values: Record<string, string | number> = Object.fromEntries(new URLSearchParams(query));
  if (typeof values.count === "string") values.count = Number(values.count);
  return t(key, values);
}
