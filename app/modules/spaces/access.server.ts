import { forbidden, notFound } from "~/utils/errors";
import type { Actor, ActorMembership } from "~/modules/authorization/actor";
import { actingOrganisation, can, type ResourceOf } from "~/modules/authorization/can";
import type { ConsultationAction, ConsultationResource } from "~/modules/consultations/policy";
import { db, type Tx } from "~/utils/db.server";
import { oncePerRequest } from "~/utils/request-scope.server";
import type { Level } from "~/modules/engagement/levels";
import {
  takesPartIn,
  type ParticipationRole,
  type ParticipationStatus,
  type PersonRole,
  type SpaceAction,
  type SpaceResource,
  type SpaceStanding,
} from "./policy";

/** The organisations a person acts for in spaces: only verified ones count. */
export function verifiedMemberships(actor: Actor): ActorMembership[] {
  return actor.memberships.filter((membership) => membership.organisationStatus === "verified");
}

/** What the person is within one of their organisations, in a space where it may have named them its delegate. */
export function personRolesOf(
  membership: Pick<ActorMembership, "role"> | undefined,
  delegation: { isLead: boolean } | undefined,
): PersonRole[] {
  const personRoles: PersonRole[] = ["member"];
  if (membership?.role === "admin") personRoles.push("admin");
  if (delegation) personRoles.push("delegate");
  if (delegation?.isLead) personRoles.push("lead-delegate");
  return personRoles;
}

/**
 * The space as can() sees it for this actor: their verified organisations' standings in it, with what the
 * person is in each (admin, delegate …). Null when the space does not exist.
 */
export function loadSpaceResource(actor: Actor, spaceId: string): Promise<SpaceResource | null> {
  // The layout and the page of a space both ask: read it once per request.
  return oncePerRequest(`space:${actor.personId}:${spaceId}`, () => readSpaceResource(actor, spaceId));
}

/**
 * loadSpaceResource's reading, through `client`: a command passes its transaction to decide on what the
 * database holds as it writes, not on what it held when the request began.
 */
export async function readSpaceResource(
  actor: Actor,
  spaceId: string,
  client: Tx = db(),
): Promise<SpaceResource | null> {
  const space = await client.space.findUnique({ where: { id: spaceId }, select: { id: true } });
  if (!space) return null;
  const memberships = verifiedMemberships(actor);
  const [participations, delegations] = await Promise.all([
    client.spaceParticipant.findMany({
      where: { spaceId, organisationId: { in: memberships.map((membership) => membership.organisationId) } },
      select: { organisationId: true, role: true, level: true, status: true },
    }),
    client.spaceDelegate.findMany({
      where: { spaceId, personId: actor.personId },
      select: { organisationId: true, isLead: true },
    }),
  ]);
  const standings = participations.map((participation): SpaceStanding => ({
    organisationId: participation.organisationId,
    role: participation.role as ParticipationRole,
    level: participation.level as Level | null,
    status: participation.status as ParticipationStatus,
    personRoles: personRolesOf(
      memberships.find((candidate) => candidate.organisationId === participation.organisationId),
      delegations.find((candidate) => candidate.organisationId === participation.organisationId),
    ),
  }));
  return { spaceId, standings };
}

/**
 * The space, when the actor may take `action` in it. A space they may not even see answers 404, exactly as
 * one that does not exist, and so does any page of it but its invitation to an organisation not in it yet;
 * one they take part in but may not act in answers 403.
 */
export async function requireSpace<A extends SpaceAction>(
  actor: Actor,
  spaceId: string,
  action: A,
  organisationId?: string,
): Promise<SpaceResource> {
  const space = await loadSpaceResource(actor, spaceId);
  if (!space || !can(actor, "space.view", space)) notFound();
  const resource = { ...space, organisationId } as ResourceOf<A> & SpaceResource;
  if (!can(actor, action, resource)) {
    if (takesPartIn(space)) forbidden();
    notFound();
  }
  return space;
}

/**
 * The convening organisation the person acts for when taking `action` (in a space, or on one of its
 * consultations) — the one they picked as current when it lets them, else the first of the space's conveners
 * that does — for the audit trail to name. Forbidden (403) when none does: the route checked the action
 * already, so only a change made meanwhile gets here.
 */
export function actingConvener<A extends SpaceAction | ConsultationAction>(
  actor: Actor,
  action: A,
  resource: ResourceOf<A>,
  preferredOrganisationId?: string | null,
): string {
  const space: SpaceResource =
    "standings" in resource ? (resource as SpaceResource) : (resource as ConsultationResource).space;
  const conveners = space.standings
    .filter((standing) => standing.role === "convener")
    .map((standing) => standing.organisationId);
  const organisationId = actingOrganisation(actor, action, resource, conveners, preferredOrganisationId);
  if (!organisationId) forbidden();
  return organisationId;
}
