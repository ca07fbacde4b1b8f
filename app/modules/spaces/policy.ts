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
export type SpaceRule = {
  /** Who in an active convening organisation may take the action; null: no convener may. */
  conveners: PersonRole[] | null;
  participants: ParticipantRule | null;
  summary: string;
};

const everyone: PersonRole[] = ["admin", "lead-delegate", "delegate", "member"];
/**
 * The people who answer for a convening organisation in a space: its admins and the delegates it names to act
 * for it there (its lead delegate is the space's focal point). Everyone else in it does the everyday work.
 */
export const convenerLeads: PersonRole[] = ["admin", "lead-delegate", "delegate"];
const active: ParticipationStatus[] = ["active"];

/**
 * The action × level × role matrix of a space. A convening organisation's people may act when the action
 * lists their role under `conveners`; a participant organisation's people may act when the organisation is at
 * `minimum` or above, has one of `statuses`, and the person holds one of the roles in `by`.
 * docs/engagement-matrix.md is generated from this table (and from consultationRules, of the same shape).
 */
export const spaceRules = {
  "space.view": {
    conveners: everyone,
    participants: { minimum: "INFORM", by: everyone, statuses: ["active", "invited"] },
    summary:
      "see the space's overview: its mandate, conveners and promise (an invited organisation: its invitation)",
  },
  "space.watch": {
    conveners: everyone,
    participants: { minimum: "INFORM", by: everyone, statuses: active },
    summary: "receive the space's live changes",
  },
  "space.read-updates": {
    conveners: everyone,
    participants: { minimum: "INFORM", by: everyone, statuses: active },
    summary: "read published updates, priorities, documents and decisions",
  },
  "space.view-participants": {
    conveners: everyone,
    participants: { minimum: "INFORM", by: everyone, statuses: active },
    summary:
      "see the organisations taking part, their levels, the record of how they joined, moved and left, and the engagement overview",
  },
  "space.view-invitations": {
    conveners: everyone,
    participants: null,
    summary:
      "see every invitation (pending or declined) with its message, and every organisation's level requests with their reasons",
  },
  "space.view-concerns": {
    conveners: everyone,
    participants: { minimum: "INFORM", by: everyone, statuses: active },
    summary: "read the concern register and the answers",
  },
  "space.raise-concern": {
    conveners: null,
    participants: { minimum: "INVOLVE", by: ["admin", "lead-delegate", "delegate"], statuses: active },
    summary: "raise a concern the conveners must answer",
  },
  "space.amend-concern": {
    conveners: null,
    participants: { minimum: "INVOLVE", by: ["admin", "lead-delegate", "delegate"], statuses: active },
    summary: "edit or withdraw a concern the organisation raised, until it is answered",
  },
  "space.request-level": {
    conveners: null,
    participants: { minimum: "INFORM", by: ["admin", "lead-delegate"], statuses: active },
    summary: "ask for a higher engagement level, with a reason",
  },
  "space.respond-invitation": {
    conveners: null,
    participants: { minimum: "INFORM", by: ["admin"], statuses: ["invited"] },
    summary: "accept or decline the organisation's invitation",
  },
  "space.name-delegates": {
    conveners: ["admin"],
    participants: { minimum: "INFORM", by: ["admin"], statuses: ["active", "invited"] },
    summary: "name the people who act for the organisation, and its lead delegate",
  },
  "space.leave": {
    conveners: null,
    participants: { minimum: "INFORM", by: ["admin"], statuses: active },
    summary: "take the organisation out of the space",
  },
  "space.edit": {
    conveners: convenerLeads,
    participants: null,
    summary: "edit the mandate, themes and parent space",
  },
  "space.set-promise": {
    conveners: convenerLeads,
    participants: null,
    summary: "write the promise for each level",
  },
  "space.invite-organisation": {
    conveners: convenerLeads,
    participants: null,
    summary: "invite organisations at a level",
  },
  "space.change-level": {
    conveners: convenerLeads,
    participants: null,
    summary: "change an organisation's level or remove it from the space, with a rationale",
  },
  "space.decide-level-request": {
    conveners: convenerLeads,
    participants: null,
    summary: "approve or decline level requests",
  },
  "space.manage-conveners": {
    conveners: convenerLeads,
    participants: null,
    summary: "add and remove co-conveners",
  },
  "space.publish-update": {
    conveners: everyone,
    participants: null,
    summary: "publish updates to the space",
  },
  "space.answer-concern": { conveners: everyone, participants: null, summary: "answer concerns" },
  "space.mark-duplicate-concern": {
    conveners: everyone,
    participants: null,
    summary: "mark an open concern a duplicate of another, which it then links to",
  },
  "space.view-audit": { conveners: everyone, participants: null, summary: "see the space's audit trail" },
  "plan.view": {
    conveners: everyone,
    participants: { minimum: "INFORM", by: everyone, statuses: active },
    summary: "read the action plan: its goals, actions, owners, progress and progress reports",
  },
  "plan.comment-draft": {
    conveners: everyone,
    participants: { minimum: "INVOLVE", by: ["admin", "lead-delegate", "delegate"], statuses: active },
    summary: "comment on the action plan while it is a draft or under review",
  },
  "plan.edit": {
    conveners: everyone,
    participants: { minimum: "COLLABORATE", by: ["admin", "lead-delegate", "delegate"], statuses: active },
    summary: "draft and edit the action plan, its goals and actions (while it is a draft or under review)",
  },
  "plan.hold-action": {
    conveners: everyone,
    participants: { minimum: "COLLABORATE", by: everyone, statuses: active },
    summary: "be named lead or partner organisation of actions (its people as responsible delegates)",
  },
  "plan.report-progress": {
    conveners: everyone,
    participants: { minimum: "COLLABORATE", by: ["admin", "lead-delegate", "delegate"], statuses: active },
    summary: "report progress on the actions the organisation leads or partners",
  },
  "plan.co-sign": {
    conveners: ["admin", "lead-delegate"],
    participants: { minimum: "COLLABORATE", by: ["admin", "lead-delegate"], statuses: active },
    summary: "co-sign the plan's adoption on behalf of the organisation",
  },
  "plan.review-report": {
    conveners: everyone,
    participants: null,
    summary: "approve or return any progress report, with a comment",
  },
  "plan.decide-delegated": {
    conveners: null,
    participants: { minimum: "EMPOWER", by: ["admin", "lead-delegate", "delegate"], statuses: active },
    summary:
      "approve or return the partners' progress reports on actions the organisation leads (delegated decisions)",
  },
  "plan.adopt": {
    conveners: convenerLeads,
    participants: null,
    summary: "adopt the plan with its decision and co-signatures, put it under review or close it",
  },
  // Channels (issue 11): the space's live conversation is where INVOLVE works with the conveners day to day.
  "space.read-channel": {
    conveners: everyone,
    participants: { minimum: "INVOLVE", by: ["admin", "lead-delegate", "delegate"], statuses: active },
    summary: "read the space's channels and their threads, and receive their messages live",
  },
  "space.post-message": {
    conveners: everyone,
    participants: { minimum: "INVOLVE", by: ["admin", "lead-delegate", "delegate"], statuses: active },
    summary: "post messages and replies in the space's channels, and edit or delete one's own",
  },
  "space.open-channel": {
    conveners: convenerLeads,
    participants: null,
    summary: "open a topic channel in the space",
  },
  "space.moderate-channel": {
    conveners: convenerLeads,
    participants: null,
    summary: "hide a message from a channel, with a reason the author is told",
  },
} satisfies Record<string, SpaceRule>;

export type SpaceAction = keyof typeof spaceRules;

/** Whether the rule lets the person act through this standing of their organisation. */
export function allows(rule: SpaceRule, standing: SpaceStanding): boolean {
  if (standing.role === "convener") {
    const conveners = rule.conveners;
    return (
      standing.status === "active" &&
      conveners !== null &&
      standing.personRoles.some((role) => conveners.includes(role))
    );
  }
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
 * Whether the person may create spaces on behalf of `organisation`: it is a verified national ministry,
 * regional authority or local authority, and they are its admin or one of its focal points — convening a
 * space commits the organisation, as the powers of its conveners' leads do (`convenerLeads`).
 * (can(actor, "space.create", organisation))
 */
export function mayConveneSpaces(actor: Actor, organisation: ConveningOrganisation | null): boolean {
  return (
    organisation !== null &&
    organisation.verificationStatus === "verified" &&
    (convenerOrganisationTypes as readonly string[]).includes(organisation.type) &&
    actor.memberships.some(
      (membership) =>
        membership.organisationId === organisation.id &&
        (membership.role === "admin" || membership.isFocalPoint),
    )
  );
}

/**
 * Whether one of the actor's organisations takes part in the space now (as convener or participant): such a
 * person is told an action is forbidden (403); anyone else — an invited organisation included, which sees
 * only its invitation — finds nothing there (404).
 */
export function takesPartIn(space: SpaceResource): boolean {
  return space.standings.some((standing) => standing.status === "active");
}

/** The kinds of entry in a space's level history. */
export type LevelChangeKind =
  | "invited"
  | "invitation-changed"
  | "joined"
  | "request-approved"
  | "changed"
  | "left"
  | "removed"
  | "convener-added";

/**
 * What of the organisations a space knows is shown to someone who may not "space.view-invitations" (anyone but
 * its conveners, who see everything): the organisations taking part now, the history entries that record
 * taking part — joining, moving, leaving, being removed — and, of invitations (their levels and messages) and
 * level requests (their reasons), only those of their own organisations. Every query that lists a space's
 * organisations applies it through participationVisibility (visibility.server.ts).
 */
export const shownToParticipants = {
  statuses: ["active"] as ParticipationStatus[],
  historyKinds: [
    "joined",
    "request-approved",
    "changed",
    "left",
    "removed",
    "convener-added",
  ] as LevelChangeKind[],
};
