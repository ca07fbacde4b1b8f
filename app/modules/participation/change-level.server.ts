import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { isLevel, levelRank, type Level } from "~/modules/engagement/levels";
import { notify } from "~/modules/notifications/notify.server";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";
import { DomainError, notFound } from "~/utils/errors";

/**
 * A convener sets a participant's level at any time, with a rationale — or the level of a pending invitation.
 * The change applies at once, downgrades included: the standing-changed event makes open sockets re-check
 * what the organisation may see.
 */
export async function changeLevel(
  actor: Actor,
  space: SpaceResource,
  convenerId: string,
  { organisationId, level, rationale }: { organisationId: string; level: Level; rationale: string },
) {
  if (!isLevel(level)) throw new DomainError("participation.errors.unknownLevel", "level");
  await runCommand(async (tx, emit) => {
    const participant = await tx.spaceParticipant.findUnique({
      where: { spaceId_organisationId: { spaceId: space.spaceId, organisationId } },
      select: { id: true, role: true, level: true, status: true },
    });
    if (!participant || participant.role !== "participant") notFound();
    if (participant.status !== "active" && participant.status !== "invited")
      throw new DomainError("participation.errors.notActive");
    if (participant.level === level) throw new DomainError("participation.errors.sameLevel", "level");
    await tx.spaceParticipant.update({ where: { id: participant.id }, data: { level } });
    await tx.levelChange.create({
      data: {
        spaceId: space.spaceId,
        organisationId,
        fromLevel: participant.level,
        toLevel: level,
        // Changing the level of a pending invitation amends the invitation, between the conveners and the
        // invited organisation (spaces/policy.ts, shownToParticipants).
        kind: participant.status === "invited" ? "invitation-changed" : "changed",
        rationale,
        changedById: actor.personId,
      },
    });
    const [spaceRow, admins] = await Promise.all([
      tx.space.findUniqueOrThrow({ where: { id: space.spaceId }, select: { title: true } }),
      tx.membership.findMany({ where: { organisationId, role: "admin" }, select: { personId: true } }),
    ]);
    notify(emit, {
      personIds: admins.map((admin) => admin.personId),
      spaceId: space.spaceId,
      message: "participation.notifications.levelChanged",
      values: { space: spaceRow.title },
      link: `/spaces/${space.spaceId}/participation`,
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId: convenerId,
      spaceId: space.spaceId,
      action: "space.level-changed",
      subjectType: "space-participant",
      subjectId: participant.id,
      detail: {
        organisationId,
        from: participant.level,
        to: level,
        downgrade: isLevel(participant.level) && levelRank(level) < levelRank(participant.level),
        rationale,
      },
    });
    emit("space.changed", { spaceId: space.spaceId, what: "participation" });
    emit("space.standing-changed", { spaceId: space.spaceId, organisationId });
  });
}
