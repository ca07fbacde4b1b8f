import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { higherLevels, isLevel, type Level } from "~/modules/engagement/levels";
import { notify } from "~/modules/notifications/notify.server";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";
import { DomainError } from "~/utils/errors";

/**
 * An organisation in the space asks for a higher level, with a reason; one request waits at a time.
 * The conveners' members are notified.
 */
export async function requestLevel(
  actor: Actor,
  space: SpaceResource,
  organisationId: string,
  { level, reason }: { level: Level; reason: string },
) {
  await runCommand(async (tx, emit) => {
    const participant = await tx.spaceParticipant.findUnique({
      where: { spaceId_organisationId: { spaceId: space.spaceId, organisationId } },
      select: { level: true, status: true, organisation: { select: { name: true } } },
    });
    if (!participant || participant.status !== "active" || !isLevel(participant.level))
      throw new DomainError("participation.errors.notActive");
    if (!higherLevels(participant.level).includes(level))
      throw new DomainError("participation.errors.notHigher", "level");
    const pending = await tx.levelRequest.findFirst({
      where: { spaceId: space.spaceId, organisationId, status: "pending" },
      select: { id: true },
    });
    if (pending) throw new DomainError("participation.errors.requestPending");
    const request = await tx.levelRequest.create({
      data: {
        spaceId: space.spaceId,
        organisationId,
        requestedLevel: level,
        reason,
        requestedById: actor.personId,
      },
    });
    const [spaceRow, convenerMembers] = await Promise.all([
      tx.space.findUniqueOrThrow({ where: { id: space.spaceId }, select: { title: true } }),
      tx.membership.findMany({
        where: {
          organisation: {
            spaceParticipation: { some: { spaceId: space.spaceId, role: "convener", status: "active" } },
          },
        },
        select: { personId: true },
      }),
    ]);
    notify(emit, {
      personIds: convenerMembers.map((member) => member.personId),
      spaceId: space.spaceId,
      message: "participation.notifications.levelRequested",
      values: { space: spaceRow.title, organisation: participant.organisation.name },
      link: `/spaces/${space.spaceId}/levels`,
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: space.spaceId,
      action: "space.level-requested",
      subjectType: "level-request",
      subjectId: request.id,
      detail: { from: participant.level, to: level, reason },
    });
    emit("space.changed", { spaceId: space.spaceId, what: "level-request" });
  });
}
