import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { notify } from "~/modules/notifications/notify.server";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";
import { DomainError, notFound } from "~/utils/errors";

/**
 * A convener approves (the organisation moves to the level it asked for, the reason becoming the change's
 * rationale) or declines (a reason is required) a level request. A request is decided once.
 */
export async function decideLevelRequest(
  actor: Actor,
  space: SpaceResource,
  convenerId: string,
  {
    requestId,
    decision,
    reason = "",
  }: { requestId: string; decision: "approve" | "decline"; reason?: string },
) {
  if (decision === "decline" && !reason)
    throw new DomainError("participation.errors.reasonRequired", "reason");
  await runCommand(async (tx, emit) => {
    const request = await tx.levelRequest.findFirst({
      where: { id: requestId, spaceId: space.spaceId },
      select: { id: true, organisationId: true, requestedLevel: true, status: true, requestedById: true },
    });
    if (!request) notFound();
    if (request.status !== "pending") throw new DomainError("participation.errors.alreadyDecided");
    const { organisationId } = request;
    const participant = await tx.spaceParticipant.findUnique({
      where: { spaceId_organisationId: { spaceId: space.spaceId, organisationId } },
      select: { level: true, status: true },
    });
    const approved = decision === "approve";
    if (approved && participant?.status !== "active") throw new DomainError("participation.errors.notActive");
    await tx.levelRequest.update({
      where: { id: request.id },
      data: {
        status: approved ? "approved" : "declined",
        decidedById: actor.personId,
        decisionReason: reason,
        decidedAt: new Date(),
      },
    });
    if (approved) {
      await tx.spaceParticipant.update({
        where: { spaceId_organisationId: { spaceId: space.spaceId, organisationId } },
        data: { level: request.requestedLevel },
      });
      await tx.levelChange.create({
        data: {
          spaceId: space.spaceId,
          organisationId,
          fromLevel: participant?.level ?? null,
          toLevel: request.requestedLevel,
          kind: "request-approved",
          rationale: reason,
          changedById: actor.personId,
        },
      });
    }
    const [spaceRow, admins] = await Promise.all([
      tx.space.findUniqueOrThrow({ where: { id: space.spaceId }, select: { title: true } }),
      tx.membership.findMany({ where: { organisationId, role: "admin" }, select: { personId: true } }),
    ]);
    notify(emit, {
      personIds: [request.requestedById, ...admins.map((admin) => admin.personId)],
      spaceId: space.spaceId,
      message: approved
        ? "participation.notifications.requestApproved"
        : "participation.notifications.requestDeclined",
      values: { space: spaceRow.title },
      link: `/spaces/${space.spaceId}/participation`,
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId: convenerId,
      spaceId: space.spaceId,
      action: approved ? "space.level-request-approved" : "space.level-request-declined",
      subjectType: "level-request",
      subjectId: request.id,
      detail: { organisationId, from: participant?.level ?? null, to: request.requestedLevel, reason },
    });
    emit("space.changed", { spaceId: space.spaceId, what: "level-request" });
    if (approved) {
      emit("space.changed", { spaceId: space.spaceId, what: "participation" });
      emit("space.standing-changed", { spaceId: space.spaceId, organisationId });
    }
  });
}
