import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";
import { DomainError, notFound } from "~/utils/errors";

type Departure =
  /** The organisation's admin takes it out of the space. */
  | { by: "organisation" }
  /** A convener removes the organisation, with a rationale. */
  | { by: "convener"; convenerId: string; rationale: string };

/**
 * An organisation leaves the space, or a convener removes it: it loses access at once, its delegates are
 * released and its waiting level request is closed.
 */
export async function leaveSpace(
  actor: Actor,
  space: SpaceResource,
  organisationId: string,
  departure: Departure,
) {
  const removed = departure.by === "convener";
  const rationale = removed ? departure.rationale : "";
  await runCommand(async (tx, emit) => {
    const participant = await tx.spaceParticipant.findUnique({
      where: { spaceId_organisationId: { spaceId: space.spaceId, organisationId } },
      select: { id: true, role: true, level: true, status: true },
    });
    if (!participant || participant.role !== "participant") notFound();
    const present = removed ? ["active", "invited"] : ["active"];
    if (!present.includes(participant.status)) throw new DomainError("participation.errors.notActive");
    await tx.spaceParticipant.update({ where: { id: participant.id }, data: { status: "left" } });
    await tx.spaceDelegate.deleteMany({ where: { spaceId: space.spaceId, organisationId } });
    await tx.levelRequest.updateMany({
      where: { spaceId: space.spaceId, organisationId, status: "pending" },
      data: {
        status: "declined",
        decidedById: actor.personId,
        decisionReason: rationale,
        decidedAt: new Date(),
      },
    });
    await tx.levelChange.create({
      data: {
        spaceId: space.spaceId,
        organisationId,
        fromLevel: participant.level,
        toLevel: null,
        kind: removed ? "removed" : "left",
        rationale,
        changedById: actor.personId,
      },
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId: removed ? departure.convenerId : organisationId,
      spaceId: space.spaceId,
      action: removed ? "space.organisation-removed" : "space.organisation-left",
      subjectType: "space-participant",
      subjectId: participant.id,
      detail: { organisationId, level: participant.level, status: participant.status, rationale },
    });
    emit("space.changed", { spaceId: space.spaceId, what: "participation" });
    emit("space.standing-changed", { spaceId: space.spaceId, organisationId });
  });
}
