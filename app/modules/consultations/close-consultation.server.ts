import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { runCommand } from "~/utils/command.server";
import { DomainError, notFound } from "~/utils/errors";
import { actingConvener } from "~/modules/spaces/access.server";
import type { LoadedConsultation } from "./access.server";
import { canMoveTo, isConsultationStatus } from "./lifecycle";

/**
 * Closes an open consultation: no more input; the conveners' review starts. Closed early, its closing date
 * becomes today's, so every page shows when it really closed; the feedback stays due when it was promised.
 */
export async function closeConsultation(
  actor: Actor,
  consultation: LoadedConsultation,
  preferredOrganisationId: string | null,
) {
  const organisationId = actingConvener(actor, "consultation.open", consultation, preferredOrganisationId);
  return runCommand(async (tx, emit) => {
    const current = await tx.consultation.findUnique({
      where: { id: consultation.consultationId },
      select: { id: true, spaceId: true, title: true, status: true, closesAt: true },
    });
    if (!current) notFound();
    if (!isConsultationStatus(current.status) || !canMoveTo(current.status, "closed"))
      throw new DomainError("consultations.common.errors.illegalTransition");
    const inputs = await tx.submission.count({ where: { consultationId: current.id, status: "submitted" } });
    const closedAt = new Date();
    await tx.consultation.update({
      where: { id: current.id },
      data: {
        status: "closed",
        closedAt,
        closesAt: current.closesAt < closedAt ? current.closesAt : closedAt,
      },
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: current.spaceId,
      action: "consultation.closed",
      subjectType: "consultation",
      subjectId: current.id,
      detail: { title: current.title, inputs },
    });
    emit("space.changed", { spaceId: current.spaceId, what: "consultation" });
  });
}
