import type { Actor } from "~/modules/authorization/actor";
import { actingOrganisation, can } from "~/modules/authorization/can";
import { loadSpaceResource } from "~/modules/spaces/access.server";
import type { SpaceAction, SpaceResource } from "~/modules/spaces/policy";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";

/**
 * The organisation the person speaks for in a channel: the one they picked as current when it may take
 * `action` in the space, else the first of theirs there that may; null when none may.
 */
export function speakingFor(
  actor: Actor,
  space: SpaceResource,
  action: SpaceAction = "space.post-message",
  preferred?: string | null,
): string | null {
  return actingOrganisation(
    actor,
    action,
    space,
    space.standings.map((standing) => standing.organisationId),
    preferred,
  );
}

/**
 * The channel and its space, when the actor may take `action` there; null otherwise — an unknown channel, a
 * channel of a space they may not read the channels of: sockets answer all of them "not-found".
 */
export async function channelFor(actor: Actor, channelId: string, action: SpaceAction) {
  const channel = await db().channel.findUnique({
    where: { id: channelId },
    select: { id: true, spaceId: true },
  });
  if (!channel) return null;
  const space = await loadSpaceResource(actor, channel.spaceId);
  if (!space || !can(actor, action, space)) return null;
  return { channel, space };
}

/**
 * The space and the channel for a channel page, when the actor may read the space's channels. Anyone else —
 * an organisation at INFORM or CONSULT included, though it takes part in the space — finds nothing (404): the
 * channel is not part of the space they see.
 */
export async function requireChannelReader(actor: Actor, spaceId: string) {
  const space = await loadSpaceResource(actor, spaceId);
  if (!space || !can(actor, "space.read-channel", space)) notFound();
  return space;
}
