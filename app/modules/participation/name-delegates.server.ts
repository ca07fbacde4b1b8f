import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";
import { DomainError } from "~/utils/errors";

/**
 * The organisation's admin names the people who act for it in the space, among its own members, and
 * exactly one lead delegate (always one of the delegates). The list replaces the one before.
 */
export async function nameDelegates(
  actor: Actor,
  space: SpaceResource,
  organisationId: string,
  { delegates, lead }: { delegates: string[]; lead: string },
) {
  const personIds = [...new Set([...delegates, lead])];
  await runCommand(async (tx, emit) => {
    const participant = await tx.spaceParticipant.findUnique({
      where: { spaceId_organisationId: { spaceId: space.spaceId, organisationId } },
      select: { id: true, status: true },
    });
    if (!participant || (participant.status !== "active" && participant.status !== "invited"))
      throw new DomainError("participation.errors.notActive");
    const members = await tx.membership.findMany({
      where: { organisationId, personId: { in: personIds } },
      select: { personId: true },
    });
    const memberIds = new Set(members.map((member) => member.personId));
    if (!memberIds.has(lead)) throw new DomainError("participation.errors.notMember", "lead");
    if (personIds.some((personId) => !memberIds.has(personId)))
      throw new DomainError("participation.errors.notMember", "delegates");
    const before = await tx.spaceDelegate.findMany({
      where: { spaceId: space.spaceId, organisationId },
      select: { personId: true, isLead: true },
    });
    await tx.spaceDelegate.deleteMany({ where: { spaceId: space.spaceId, organisationId } });
    await tx.spaceDelegate.createMany({
      data: personIds.map((personId) => ({
        spaceId: space.spaceId,
        organisationId,
        personId,
        isLead: personId === lead,
      })),
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: space.spaceId,
      action: "space.delegates-named",
      subjectType: "space-participant",
      subjectId: participant.id,
      detail: {
        before: before.map((delegate) => delegate.personId),
        beforeLead: before.find((delegate) => delegate.isLead)?.personId ?? null,
        delegates: personIds,
        lead,
      },
    });
    emit("space.changed", { spaceId: space.spaceId, what: "participation" });
    emit("space.standing-changed", { spaceId: space.spaceId, organisationId });
  });
}
