import type { Actor } from "~/modules/authorization/actor";
import { atLeast, type Level } from "~/modules/engagement/levels";
import { convenerOrganisationTypes } from "./schema";

export type ParticipationRole = "convener" | "participant";
export type ParticipationStatus = "invited" | "active" | "declined" | "left";
/** What a person is within their own organisation, for what they may do on its behalf in a space. */
export type PersonRole = "admin" | "lead-delegate" | "delegate" | "member";

/** One of the actor's organisations in a space, as the space records it. */
export type SpaceStanding = {
  organisationId: string;
  role: ParticipationRole;
  level: Level | null;
  status: ParticipationStatus;
  personRoles: PersonRole[];
};

/**
 * A space as can() sees it: the actor's own standings in it (none when they are not part of it).
 * `organisationId` narrows the question to acting on behalf of that one organisation.
 */
export type SpaceResource = { spaceId: string; standings: SpaceStanding[]; organisationId?: string };

type ParticipantRule = { minimum: Level; by: PersonRole[]; statuses: ParticipationStatus[] };
export type SpaceRule = { conveners: boolean; participants: ParticipantRule | null; summary: string };

const everyone: PersonRole[] = ["admin", "lead-delegate", "delegate", "member"];
const active: ParticipationStatus[] = ["active"];

/**
 * The action × level × role matrix of a space. Conveners may do everything marked for them; a participant
 * organisation's people may act when the organisation is at `minimum` or above, has one of `statuses`,
 * and the person holds one of the roles in `by`. docs/engagement-matrix.md is generated from this table.
 */
export const spaceRules = {
  "space.view": {
    conveners: true,
    participants: { minimum: "INFORM", by: everyone, statuses: ["active", "invited"] },
    summary: "see the space, its mandate and its promise",
  },
  "space.read-updates": {
    conveners: true,
    participants: { minimum: "INFORM", by: everyone, statuses: active },
    summary: "read published updates, priorities, documents and decisions",
  },
  "space.view-participants": {
    conveners: true,
    participants: { minimum: "INFORM", by: everyone, statuses: active },
    summary: "see the participating organisations, their levels and the engagement overview",
  },
  "space.view-concerns": {
    conveners: true,
    participants: { minimum: "INFORM", by: everyone, statuses: active },
    summary: "read the concern register and the answers",
  },
  "space.raise-concern": {
    conveners: false,
    participants: { minimum: "INVOLVE", by: ["admin", "lead-delegate", "delegate"], statuses: active },
    summary: "raise a concern the conveners must answer",
  },
  "space.request-level": {
    conveners: false,
    participants: { minimum: "INFORM", by: ["admin", "lead-delegate"], statuses: active },
    summary: "ask for a higher engagement level, with a reason",
  },
  "space.respond-invitation": {
    conveners: false,
    participants: { minimum: "INFORM", by: ["admin"], statuses: ["invited"] },
    summary: "accept or decline the organisation's invitation",
  },
  "space.name-delegates": {
    conveners: true,
    participants: { minimum: "INFORM", by: ["admin"], statuses: ["active", "invited"] },
    summary: "name the people who act for the organisation, and its lead delegate",
  },
  "space.leave": {
    conveners: false,
    participants: { minimum: "INFORM", by: ["admin"], statuses: active },
    summary: "take the organisation out of the space",
  },
  "space.edit": { conveners: true, participants: null, summary: "edit the mandate, themes and parent space" },
  "space.set-promise": { conveners: true, participants: null, summary: "write the promise for each level" },
  "space.invite-organisation": {
    conveners: true,
    participants: null,
    summary: "invite organisations at a level",
  },
  "space.change-level": {
    conveners: true,
    participants: null,
    summary: "change an organisation's level, with a rationale",
  },
  "space.decide-level-request": {
    conveners: true,
    participants: null,
    summary: "approve or decline level requests",
  },
  "space.manage-conveners": { conveners: true, participants: null, summary: "add and remove co-conveners" },
  "space.publish-update": { conveners: true, participants: null, summary: "publish updates to the space" },
  "space.answer-concern": { conveners: true, participants: null, summary: "answer concerns" },
  "space.view-audit": { conveners: true, participants: null, summary: "see the space's audit trail" },
} satisfies Record<string, SpaceRule>;

export type SpaceAction = keyof typeof spaceRules;

export function allows(rule: SpaceRule, standing: SpaceStanding): boolean {
  if (standing.role === "convener") return rule.conveners && standing.status === "active";
  const participants = rule.participants;
  return (
    participants !== null &&
    standing.level !== null &&
    participants.statuses.includes(standing.status) &&
    atLeast(standing.level, participants.minimum) &&
    standing.personRoles.some((role) => participants.by.includes(role))
  );
}

function decide(action: SpaceAction) {
  return (_actor: Actor, space: SpaceResource) =>
    space.standings.some(
      (standing) =>
        (space.organisationId === undefined || standing.organisationId === space.organisationId) &&
        allows(spaceRules[action], standing),
    );
}

/** The spaces part of can(). */
export const spacePolicy = Object.fromEntries(
  Object.keys(spaceRules).map((action) => [action, decide(action as SpaceAction)]),
) as { [A in SpaceAction]: (actor: Actor, space: SpaceResource) => boolean };

/** An organisation a person might convene spaces for: their current organisation, as stored. */
export type ConveningOrganisation = { id: string; type: string; verificationStatus: string };

/**
 * Whether the person may create spaces on behalf of `organisation`: they belong to it, and it is a verified
 * national ministry, regional authority or local authority. (can(actor, "space.create", organisation))
 */
export function mayConveneSpaces(actor: Actor, organisation: ConveningOrganisation | null): boolean {
  return (
    organisation !== null &&
    organisation.verificationStatus === "verified" &&
    (convenerOrganisationTypes as readonly string[]).includes(organisation.type) &&
    actor.memberships.some((membership) => membership.organisationId === organisation.id)
  );
}

/** The organisation a convener acts for in the space (for the audit trail): their first active convener standing. */
export function convenerOrganisationOf(space: SpaceResource): string | null {
  return (
    space.standings.find((standing) => standing.role === "convener" && standing.status === "active")
      ?.organisationId ?? null
  );
}
