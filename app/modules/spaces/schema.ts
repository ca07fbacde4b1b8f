import { z } from "zod";
import { choice, requiredText } from "~/utils/validation";
import { levels } from "~/modules/engagement/levels";
import { governanceLevels, type OrganisationType } from "~/modules/organisations/schema";

export const spaceKinds = [
  "inter_ministerial_working_group",
  "local_immigration_partnership",
  "committee_on_migration_and_development",
  "thematic_table",
] as const;
export type SpaceKind = (typeof spaceKinds)[number];

export const spaceThemes = [
  "settlement",
  "economic_integration",
  "health",
  "language",
  "education",
  "housing",
  "civic_participation",
  "anti_discrimination",
  "family",
  "social_cohesion",
] as const;
export type SpaceTheme = (typeof spaceThemes)[number];

export { governanceLevels };

/** Only government bodies convene spaces. */
export const convenerOrganisationTypes: readonly OrganisationType[] = [
  "national_ministry",
  "regional_authority",
  "local_authority",
];

/** The parent select's value for "no parent space" (an empty select value would mean "not chosen"). */
export const noParent = "none";

const parentField = z
  .string()
  .trim()
  .max(100, "validation.invalidChoice")
  .optional()
  .transform((value) => (!value || value === noParent ? null : value));

/** What a convener edits after creation: title, mandate, themes and the parent space. */
export const spaceDetailsFields = {
  title: requiredText(200),
  mandate: requiredText(5000),
  themes: z
    .array(z.enum(spaceThemes, choice), { required_error: "spaces.errors.themesRequired" })
    .min(1, "spaces.errors.themesRequired"),
  parentId: parentField,
};

export const updateSpaceSchema = z.object(spaceDetailsFields);
export type SpaceDetails = z.infer<typeof updateSpaceSchema>;

/** A new space: its kind, governance level and place are set once. */
export const createSpaceSchema = z.object({
  kind: z.enum(spaceKinds, choice),
  governanceLevel: z.enum(governanceLevels, choice),
  place: z.string().trim().max(120, "validation.tooLong").default(""),
  ...spaceDetailsFields,
});
export type NewSpace = z.infer<typeof createSpaceSchema>;

const feedbackDays = z
  .number({ errorMap: () => ({ message: "spaces.errors.feedbackDays" }) })
  .int("spaces.errors.feedbackDays")
  .min(1, "spaces.errors.feedbackDays")
  .max(365, "spaces.errors.feedbackDays");

/** A space's promise to the participants at one level. */
export const promiseSchema = z.object({
  expectation: requiredText(1000),
  decisionMaker: requiredText(200),
  feedbackDays,
});
export type PromiseInput = z.infer<typeof promiseSchema>;

/** The promises of all five levels, edited in one form (fields named "INFORM.expectation" …). */
export const promisesSchema = z.object(
  Object.fromEntries(levels.map((level) => [level, promiseSchema])) as Record<
    (typeof levels)[number],
    typeof promiseSchema
  >,
);
export type Promises = z.infer<typeof promisesSchema>;

export const addConvenerSchema = z.object({
  intent: z.literal("add"),
  organisationId: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required"),
});

export const removeConvenerSchema = z.object({
  intent: z.literal("remove"),
  organisationId: z.string().trim().min(1),
});

/** The directory's filters; anything unreadable is dropped rather than refused. */
export const directoryFilterSchema = z.object({
  kind: z.enum(spaceKinds).optional().catch(undefined),
  governanceLevel: z.enum(governanceLevels).optional().catch(undefined),
  theme: z.enum(spaceThemes).optional().catch(undefined),
  place: z.string().trim().max(120).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
});
export type DirectoryFilter = z.infer<typeof directoryFilterSchema>;
