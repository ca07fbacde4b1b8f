import type { Prisma } from "~/generated/prisma/client";
import type { Actor } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import { shownToParticipants, type SpaceResource } from "./policy";

/**
 * The one rule for what a viewer may see of the organisations a space knows (policy.ts, shownToParticipants),
 * as conditions for the queries that list them: participation rows (participants, audiences), history entries
 * and level requests. Someone who may "space.view-invitations" (a convener) sees everything; anyone else —
 * or no one signed in — sees the organisations taking part now, the entries recording taking part, and the
 * invitations and requests of their own organisations.
 */
export function participationVisibility(actor: Actor | null, space: SpaceResource) {
  if (can(actor, "space.view-invitations", space))
    return {
      participants: {} satisfies Prisma.SpaceParticipantWhereInput,
      history: {} satisfies Prisma.LevelChangeWhereInput,
      levelRequests: {} satisfies Prisma.LevelRequestWhereInput,
    };
  const own = space.standings.map((standing) => standing.organisationId);
  return {
    participants: {
      status: { in: shownToParticipants.statuses },
    } satisfies Prisma.SpaceParticipantWhereInput,
    history: {
      OR: [{ kind: { in: shownToParticipants.historyKinds } }, { organisationId: { in: own } }],
    } satisfies Prisma.LevelChangeWhereInput,
    levelRequests: { organisationId: { in: own } } satisfies Prisma.LevelRequestWhereInput,
  };
}

/** Of an organisation list (a consultation's audience …), those whose place in the space the viewer may see. */
export function visibleInSpace(actor: Actor | null, space: SpaceResource): Prisma.OrganisationWhereInput {
  return {
    spaceParticipation: {
      some: { spaceId: space.spaceId, ...participationVisibility(actor, space).participants },
    },
  };
}
