import { actorForPerson } from "~/modules/auth/session.server";
import { loadSpaceResource } from "~/modules/spaces/access.server";
import { publishUpdate } from "~/modules/updates/publish-update.server";

/** Publishes an update through the real command, as the updates page's action runs it for a convener. */
export async function publishUpdateAs(convenerId: string, spaceId: string, title: string) {
  const actor = await actorForPerson(convenerId);
  const space = actor && (await loadSpaceResource(actor, spaceId));
  if (!actor || !space) throw new Error(`${convenerId} cannot see space ${spaceId}`);
  return publishUpdate(actor, space, {
    kind: "announcement",
    title,
    body: "",
    file: null,
    preferredOrganisationId: null,
  });
}
