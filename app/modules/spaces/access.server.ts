import type { Actor } from "~/modules/authorization/actor";
import { can, type Action, type ResourceOf } from "~/modules/authorization/can";
import { db } from "~/utils/db.server";
import { oncePerRequest } from "~/utils/request-scope.server";
import type { Level } from "~/modules/engagement/levels";
import type {
  ParticipationRole,
  ParticipationStatus,
  PersonRole,
  SpaceResource,
  SpaceStanding,
} from "./policy";

type SpaceAction = Extract<Action, `space.${string}`>;

/**
 * The space as can() sees it for this actor: their verified organisations' standings in it, with what the
 * person is in each (admin, delegate …). Null when the space does not exist.
 */
export function loadSpaceResource(actor: Actor, spaceId: string): Promise<SpaceResource | null> {
  // The layout and the page of a space both ask: read it once per request.
  return oncePerRequest(`space:${actor.personId}:${spaceId}`, () => readSpaceResource(actor, spaceId));
}

async function readSpaceResource(actor: Actor, spaceId: string): Promise<SpaceResource | null> {
  const space = await db().space.findUnique({ where: { id: spaceId }, select: { id: true } });
  if (!space) return null;
  const memberships = actor.memberships.filter((membership) => membership.organisationStatus === "verified");
  const [participations, delegations] = await Promise.all([
    db().spaceParticipant.findMany({
      where: { spaceId, organisationId: { in: memberships.map((membership) => membership.organisationId) } },
      select: { organisationId: true, role: true, level: true, status: true },
    }),
    db().spaceDelegate.findMany({
      where: { spaceId, personId: actor.personId },
      select: { organisationId: true, isLead: true },
    }),
  ]);
  const standings = participations.map((participation): SpaceStanding => {
    const membership = memberships.find(
      (candidate) => candidate.organisationId === participation.organisationId,
    );
    const delegation = delegations.find(
      (candidate) => candidate.organisationId === participation.organisationId,
    );
    const personRoles: PersonRole[] = ["member"];
    if (membership?.role === "admin") personRoles.push("admin");
    if (delegation) personRoles.push("delegate");
    if (delegation?.isLead) personRoles.push("lead-delegate");
    return {
      organisationId: participation.organisationId,
      role: participation.role as ParticipationRole,
      level: participation.level as Level | null,
      status: participation.status as ParticipationStatus,
      personRoles,
    };
  });
  return { spaceId, standings };
}

/**
 * The space, when the actor may take `action` in it. A space they may not even see answers 404, exactly as
 * one that does not exist; one they see but may not act in answers 403.
 */
export async function requireSpace<A extends SpaceAction>(
  actor: Actor,
  spaceId: string,
  action: A,
  organisationId?: string,
): Promise<SpaceResource> {
  const space = await loadSpaceResource(actor, spaceId);
  if (!space || !can(actor, "space.view", space))
    throw new Response(null, { status: 404, statusText: "Not Found" });
  const resource = { ...space, organisationId } as ResourceOf<A> & SpaceResource;
  if (!can(actor, action, resource)) throw new Response(null, { status: 403, statusText: "Forbidden" });
  return space;
}
