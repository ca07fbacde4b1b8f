import { z } from "zod";
import { choice, optionalText, requiredText } from "~/utils/validation";

/** The integration domains of seed 004 (lines 80-96) a goal is keyed to. */
export const integrationDomains = [
  "host_country_knowledge",
  "language",
  "equality_non_discrimination",
  "education",
  "health",
  "family",
  "social_interaction",
  "civic_participation",
  "economic",
  "residential",
  "development_planning",
] as const;
export type IntegrationDomain = (typeof integrationDomains)[number];

export const planStatuses = ["draft", "adopted", "under_review", "closed"] as const;
export type PlanStatus = (typeof planStatuses)[number];
/** While a plan is in one of these, its goals and actions may be drafted and edited. */
export const editableStatuses: PlanStatus[] = ["draft", "under_review"];

export const actionStatuses = ["not_started", "on_track", "at_risk", "delayed", "done", "dropped"] as const;
export type ActionStatus = (typeof actionStatuses)[number];
/** The statuses that need a reason. */
export const statusesWithReason: ActionStatus[] = ["at_risk", "delayed", "done", "dropped"];

export const reportStates = ["proposed", "approved", "returned"] as const;
export type ReportState = (typeof reportStates)[number];

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const dayMs = 24 * 60 * 60 * 1000;

/** A required day as the date field holds it (YYYY-MM-DD), stored as midnight UTC. */
const day = z
  .string({ required_error: "validation.required" })
  .trim()
  .refine(
    (value) => dayPattern.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)),
    "plans.errors.date",
  )
  .transform((value) => new Date(`${value}T00:00:00Z`));

/** A stored day as the date field shows it. */
export function dayValue(date: Date | string | null | undefined): string {
  if (!date) return "";
  return (typeof date === "string" ? date : date.toISOString()).slice(0, 10);
}

/** Whether a day is past: due before today (UTC). */
export function isPast(date: Date, now = new Date()): boolean {
  return date.getTime() + dayMs <= now.getTime();
}

const id = z.string().trim().min(1).max(64);
const optionalId = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform((value) => value || null);

/** An http(s) address, or nothing. */
const optionalLink = z
  .string()
  .trim()
  .max(2000, "validation.tooLong")
  .refine((value) => value === "" || /^https?:\/\/[^\s]+$/i.test(value), "validation.url")
  .default("");

export const planSchema = z
  .object({
    title: requiredText(200),
    periodFrom: day,
    periodTo: day,
  })
  .refine((plan) => plan.periodTo.getTime() >= plan.periodFrom.getTime(), {
    message: "plans.errors.periodOrder",
    path: ["periodTo"],
  });
export type PlanInput = z.infer<typeof planSchema>;

export const goalSchema = z.object({
  domain: z.enum(integrationDomains, choice),
  sdgTarget: z
    .string()
    .trim()
    .max(10, "validation.tooLong")
    .refine((value) => value === "" || /^\d{1,2}\.[0-9a-z]{1,2}$/i.test(value), "plans.errors.sdgTarget")
    .default(""),
  title: requiredText(300),
  description: optionalText(4000),
});
export type GoalInput = z.infer<typeof goalSchema>;

export const actionSchema = z
  .object({
    goalId: id,
    parentId: optionalId,
    title: requiredText(300),
    problem: optionalText(4000),
    leadOrganisationId: z.string({ required_error: "validation.required" }).trim().min(1).max(64),
    leadDelegateId: optionalId,
    partnerOrganisationIds: z.array(id).max(50).default([]),
    startDate: day,
    dueDate: day,
  })
  .refine((action) => action.dueDate.getTime() >= action.startDate.getTime(), {
    message: "plans.errors.dueBeforeStart",
    path: ["dueDate"],
  });
export type ActionInput = z.infer<typeof actionSchema>;

/** The responsible delegate of a partner organisation, posted as `delegate-<organisationId>`. */
export const partnerDelegateField = (organisationId: string) => `delegate-${organisationId}`;

export const reportSchema = z
  .object({
    intent: z.literal("report"),
    periodFrom: day,
    periodTo: day,
    text: requiredText(4000),
    percent: z
      .number({ invalid_type_error: "plans.errors.percent" })
      .int("plans.errors.percent")
      .min(0, "plans.errors.percent")
      .max(100, "plans.errors.percent")
      .optional(),
    milestone: optionalText(300),
    evidenceUrl: optionalLink,
    proposedStatus: z.enum(actionStatuses, choice),
    statusReason: optionalText(2000),
  })
  .refine((report) => report.periodTo.getTime() >= report.periodFrom.getTime(), {
    message: "plans.errors.periodOrder",
    path: ["periodTo"],
  })
  .refine((report) => report.percent !== undefined || report.milestone !== "", {
    message: "plans.errors.percentOrMilestone",
    path: ["percent"],
  })
  .refine((report) => !statusesWithReason.includes(report.proposedStatus) || report.statusReason !== "", {
    message: "plans.errors.reasonRequired",
    path: ["statusReason"],
  });
export type ReportInput = z.infer<typeof reportSchema>;

export const reviewReportSchema = z
  .object({
    intent: z.literal("review"),
    reportId: id,
    decision: z.enum(["approve", "return"], choice),
    comment: optionalText(2000),
  })
  .refine((review) => review.decision === "approve" || review.comment !== "", {
    message: "plans.errors.returnNeedsComment",
    path: ["comment"],
  });
export type ReviewReportInput = z.infer<typeof reviewReportSchema>;

export const adoptSchema = z.object({
  intent: z.literal("adopt"),
  adoptedOn: day,
  decision: requiredText(2000),
});
export type AdoptInput = z.infer<typeof adoptSchema>;

/** A convener moves an adopted plan under review (edits reopen, co-signatures start again) or closes it. */
export const planStatusSchema = z.object({
  intent: z.literal("status"),
  status: z.enum(["under_review", "closed"], choice),
});

/** How an indicator is measured: a count of a unit, a percentage, or in words. */
export const indicatorMeasures = ["unit", "percentage", "qualitative"] as const;
export type IndicatorMeasure = (typeof indicatorMeasures)[number];
export const indicatorValueKinds = ["target", "actual"] as const;

/** A number typed in a form: "" is none, anything else must read as a finite number (a comma as decimal mark too). */
const optionalNumber = z
  .string()
  .trim()
  .max(30, "validation.tooLong")
  .default("")
  .refine((value) => value === "" || Number.isFinite(Number(value.replace(",", "."))), "plans.errors.number")
  .transform((value) => (value === "" ? null : Number(value.replace(",", "."))));

const optionalDay = z
  .string()
  .trim()
  .default("")
  .refine(
    (value) => value === "" || (dayPattern.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))),
    "plans.errors.date",
  )
  .transform((value) => (value === "" ? null : new Date(`${value}T00:00:00Z`)));

export const indicatorSchema = z
  .object({
    intent: z.literal("indicator"),
    title: requiredText(300),
    measure: z.enum(indicatorMeasures, choice),
    unit: optionalText(100),
    ascending: z.enum(["yes", "no"], choice),
    baselineDate: optionalDay,
    baselineValue: optionalNumber,
    baselineComment: optionalText(1000),
    meansOfVerification: optionalText(1000),
  })
  .refine((indicator) => indicator.measure !== "unit" || indicator.unit !== "", {
    message: "plans.errors.unitRequired",
    path: ["unit"],
  })
  .refine(
    (indicator) =>
      indicator.measure !== "percentage" ||
      indicator.baselineValue === null ||
      (indicator.baselineValue >= 0 && indicator.baselineValue <= 100),
    { message: "plans.errors.percentValue", path: ["baselineValue"] },
  );
export type IndicatorInput = z.infer<typeof indicatorSchema>;

/** A reporting period: a year, a quarter or a month. */
export const periodPattern = /^\d{4}(-(Q[1-4]|0[1-9]|1[0-2]))?$/;

export const indicatorValueSchema = z.object({
  intent: z.literal("indicator-value"),
  indicatorId: id,
  kind: z.enum(indicatorValueKinds, choice),
  period: z
    .string({ required_error: "validation.required" })
    .trim()
    .toUpperCase()
    .refine((value) => periodPattern.test(value), "plans.errors.period"),
  value: optionalNumber,
  comment: optionalText(2000),
  evidenceUrl: optionalLink,
});
export type IndicatorValueInput = z.infer<typeof indicatorValueSchema>;

export const commentSchema = z.object({ intent: z.literal("comment"), text: requiredText(4000) });
