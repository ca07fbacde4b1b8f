import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";
import { DomainError } from "~/utils/errors";

/**
 * The invited organisation's admin accepts (the organisation joins at the level it was invited at, and the
 * admin becomes its lead delegate unless it has one) or declines.
 */
export async function respondInvitation(
  actor: Actor,
  space: SpaceResource,
  organisationId: string,
  response: "accept" | "decline",
) {
  await runCommand(async (tx, emit) => {
    const participant = await tx.spaceParticipant.findUnique({
      where: { spaceId_organisationId: { spaceId: space.spaceId, organisationId } },
      select: { id: true, level: true, status: true },
    });
    if (!participant || participant.status !== "invited")
      throw new DomainError("participation.errors.notInvited");
    const accepted = response === "accept";
    await tx.spaceParticipant.update({
      where: { id: participant.id },
      data: { status: accepted ? "active" : "declined", respondedAt: new Date() },
    });
    if (accepted) {
      await tx.levelChange.create({
        data: {
          spaceId: space.spaceId,
          organisationId,
          fromLevel: null,
          toLevel: participant.level,
          kind: "joined",
          changedById: actor.personId,
        },
      });
      const lead = await tx.spaceDelegate.findFirst({
        where: { spaceId: space.spaceId, organisationId, isLead: true },
        select: { id: true },
      });
      if (!lead)
        await tx.spaceDelegate.upsert({
          where: {
            spaceId_organisationId_personId: {
              spaceId: space.spaceId,
              organisationId,
              personId: actor.personId,
            },
          },
          create: { spaceId: space.spaceId, organisationId, personId: actor.personId, isLead: true },
          update: { isLead: true },
        });
    }
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: space.spaceId,
      action: accepted ? "space.invitation-accepted" : "space.invitation-declined",
      subjectType: "space-participant",
      subjectId: participant.id,
      detail: { level: participant.level },
    });
    emit("space.changed", { spaceId: space.spaceId, what: "participation" });
    emit("space.standing-changed", { spaceId: space.spaceId, organisationId });
  });
}
