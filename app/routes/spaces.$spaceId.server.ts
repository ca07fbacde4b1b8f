import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { requireSpace } from "~/modules/spaces/access.server";
import { spaceRules, type SpaceAction } from "~/modules/spaces/policy";
import { spaceHeader } from "~/modules/spaces/queries.server";
import { unreadInSpace } from "~/modules/channels/queries.server";
import { currentOrganisationId } from "~/utils/current-organisation.server";

/**
 * The layout of every space page: the header, the tabs the viewer may open, and `may` — can() for every
 * space action, for the child pages to show only what the viewer may do. Reading a space one is not part
 * of answers 404 (requireSpace).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const resource = await requireSpace(actor, params.spaceId ?? "", "space.view");
  const [{ standings, ...space }, current] = await Promise.all([
    spaceHeader(actor, resource.spaceId),
    currentOrganisationId(request, actor),
  ]);
  const may = Object.fromEntries(
    (Object.keys(spaceRules) as SpaceAction[]).map((action) => [action, can(actor, action, resource)]),
  ) as Record<SpaceAction, boolean>;
  // The viewer's standing: that of the organisation they act for now, when it is in the space.
  const standing =
    standings.find((candidate) => candidate.organisationId === current) ?? standings[0] ?? null;
  // Unread across the space's channels; the channel being opened is marked read by its own loader.
  const channelUnread = may["space.read-channel"]
    ? await unreadInSpace(resource.spaceId, actor.personId, params.channelId)
    : 0;
  return { space, standings, standing, may, channelUnread };
}
