import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";

/** A convener opens a topic channel in the space (checked by the route: "space.open-channel"). */
export async function openChannel(
  actor: Actor,
  space: SpaceResource,
  organisationId: string,
  input: { title: string },
) {
  return runCommand(async (tx, emit) => {
    const channel = await tx.channel.create({
      data: { spaceId: space.spaceId, title: input.title, openedById: actor.personId },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: space.spaceId,
      action: "channel.opened",
      subjectType: "channel",
      subjectId: channel.id,
      detail: { title: input.title },
    });
    emit("space.changed", { spaceId: space.spaceId, what: "channel" });
    return channel;
  });
}
