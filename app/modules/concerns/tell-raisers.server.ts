import { notify } from "~/modules/notifications/notify.server";
import type { CommandEmit } from "~/utils/command.server";
import type { Tx } from "~/utils/db.server";

/**
 * A convener settled a concern (answered it or marked it a duplicate): the raising organisation's other members
 * are told, and the space's open register pages read it again.
 */
export async function tellRaisers(
  tx: Tx,
  emit: CommandEmit,
  settled: { organisationId: string; space: { title: string } },
  by: { personId: string; spaceId: string },
) {
  const raisers = await tx.membership.findMany({
    where: { organisationId: settled.organisationId, personId: { not: by.personId } },
    select: { personId: true },
  });
  notify(emit, {
    personIds: raisers.map((member) => member.personId),
    spaceId: by.spaceId,
    message: "notifications.messages.concernAnswered",
    values: { space: settled.space.title },
    link: `/spaces/${by.spaceId}/concerns`,
  });
  emit("space.changed", { spaceId: by.spaceId, what: "concern" });
}
