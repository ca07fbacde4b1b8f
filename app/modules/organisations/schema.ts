import { z } from "zod";
import { choice, requiredName, requiredText } from "~/utils/validation";
import { emailField } from "~/modules/auth/schema";

export const organisationTypes = [
  "national_ministry",
  "regional_authority",
  "local_authority",
  "cso",
  "migrant_association",
  "private_sector",
  "trade_union",
  "academic",
  "international_organisation",
  "media",
] as const;
export type OrganisationType = (typeof organisationTypes)[number];

export const governanceLevels = ["national", "regional", "local"] as const;
export type GovernanceLevel = (typeof governanceLevels)[number];

/** ISO 3166-1 alpha-2 codes in use; pages name them in the reader's language (see countryOptions). */
// prettier-ignore
export const countryCodes = [
  "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
  "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
  "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
  "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
  "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
  "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
  "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
  "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
  "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
  "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
  "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
  "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
  "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
  "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
  "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
  "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
] as const;

/** The country's name in `language`, falling back to its code. */
export function countryName(code: string, language: string): string {
  return new Intl.DisplayNames([language], { type: "region", fallback: "code" }).of(code) ?? code;
}

/**
 * Every country as a select option, named and sorted in `language`. Loaders build this list, so the
 * server's names reach the page as they are and hydration never disagrees with the browser's own.
 */
export function countryOptions(language: string): { value: string; label: string }[] {
  const names = new Intl.DisplayNames([language], { type: "region", fallback: "code" });
  const collator = new Intl.Collator(language);
  return countryCodes
    .map((code) => ({ value: code, label: names.of(code) ?? code }))
    .sort((a, b) => collator.compare(a.label, b.label));
}

export const organisationTypeField = z.enum(organisationTypes, choice);
export const governanceLevelField = z.enum(governanceLevels, choice);

/** The fields an organisation describes itself with; registration adds type and governance level. */
export const organisationProfileFields = {
  name: requiredName(200),
  place: requiredText(120),
  country: z
    .string({ required_error: "validation.required" })
    .trim()
    .toUpperCase()
    .pipe(z.enum(countryCodes, choice)),
  website: z
    .string()
    .trim()
    .max(300, "validation.tooLong")
    .url("validation.url")
    .refine((value) => value.toLowerCase().startsWith("https://"), "validation.url")
    .optional(),
  description: z.string().trim().max(2000, "validation.tooLong").default(""),
  contactName: requiredName(120),
  contactEmail: emailField,
};

/** The profile an organisation's administrators edit (type and level stay as verified). */
export const organisationProfileSchema = z.object(organisationProfileFields);
export type OrganisationProfile = z.infer<typeof organisationProfileSchema>;
