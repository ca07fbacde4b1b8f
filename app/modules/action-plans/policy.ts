import type { Actor } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import { allows, spaceRules, type SpaceResource, type SpaceStanding } from "~/modules/spaces/policy";

/**
 * The action-level part of the plan's permissions. Which levels and roles may report, review or decide is in
 * the engagement table (spaceRules "plan.*"); these add what the action itself says: who leads it, who
 * partners on it, who wrote a report. Pure, like can().
 */
export type ActionOwners = { leadOrganisationId: string; partnerOrganisationIds: string[] };

/** Whether an organisation, as the space records it, may be named lead or partner of an action. */
export function mayHoldActions(standing: Omit<SpaceStanding, "personRoles">): boolean {
  return allows(spaceRules["plan.hold-action"], { ...standing, personRoles: ["member"] });
}

const ownsAction = (action: ActionOwners, organisationId: string) =>
  action.leadOrganisationId === organisationId || action.partnerOrganisationIds.includes(organisationId);

const isConvener = (space: SpaceResource, organisationId: string) =>
  space.standings.some(
    (standing) =>
      standing.organisationId === organisationId &&
      standing.role === "convener" &&
      standing.status === "active",
  );

/**
 * Whether the person may report progress on the action for `organisationId`: the organisation may report
 * ("plan.report-progress") and leads or partners on the action — or convenes the space, whose conveners
 * report on any action.
 */
export function mayReportOn(
  actor: Actor,
  space: SpaceResource,
  action: ActionOwners,
  organisationId: string,
): boolean {
  return (
    can(actor, "plan.report-progress", { ...space, organisationId }) &&
    (ownsAction(action, organisationId) || isConvener(space, organisationId))
  );
}

/**
 * Whether the person may approve or return a report for `organisationId`: a convener may review any report;
 * an EMPOWER organisation decides on its partners' reports on the actions it leads (delegated decisions),
 * never on its own.
 */
export function mayReviewReport(
  actor: Actor,
  space: SpaceResource,
  action: ActionOwners,
  report: { organisationId: string },
  organisationId: string,
): boolean {
  if (can(actor, "plan.review-report", { ...space, organisationId })) return true;
  return (
    can(actor, "plan.decide-delegated", { ...space, organisationId }) &&
    action.leadOrganisationId === organisationId &&
    report.organisationId !== organisationId
  );
}

/** The organisations (of `candidates`, the current one first) the person acts for when `decide` says yes. */
export function firstAllowed(
  candidates: string[],
  preferred: string | null,
  decide: (organisationId: string) => boolean,
): string | null {
  const ordered =
    preferred && candidates.includes(preferred)
      ? [preferred, ...candidates.filter((candidate) => candidate !== preferred)]
      : candidates;
  return ordered.find(decide) ?? null;
}
