import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { notify } from "~/modules/notifications/notify.server";
import { runCommand } from "~/utils/command.server";
import type { Tx } from "~/utils/db.server";
import { DomainError, notFound } from "~/utils/errors";
import { actingConvener } from "~/modules/spaces/access.server";
import type { LoadedConsultation } from "./access.server";
import { audienceOrganisations } from "./audience.server";
import { canMoveTo, isConsultationStatus } from "./lifecycle";

/** The people a consultation is put to: the members of the organisations of its audience. */
async function audienceMembers(
  tx: Tx,
  consultation: { id: string; spaceId: string; audience: string },
  exceptPersonId: string,
) {
  const members = await tx.membership.findMany({
    where: { personId: { not: exceptPersonId }, organisation: audienceOrganisations(consultation) },
    select: { personId: true },
  });
  return members.map((member) => member.personId);
}

/** Opens a draft consultation with at least one question, and tells its audience. */
export async function openConsultation(
  actor: Actor,
  consultation: LoadedConsultation,
  preferredOrganisationId: string | null,
) {
  const organisationId = actingConvener(actor, "consultation.open", consultation, preferredOrganisationId);
  return runCommand(async (tx, emit) => {
    const current = await tx.consultation.findUnique({
      where: { id: consultation.consultationId },
      select: {
        id: true,
        spaceId: true,
        title: true,
        status: true,
        audience: true,
        closesAt: true,
        space: { select: { title: true } },
        _count: { select: { questions: true } },
      },
    });
    if (!current) notFound();
    if (!isConsultationStatus(current.status) || !canMoveTo(current.status, "open"))
      throw new DomainError("consultations.common.errors.illegalTransition");
    if (current._count.questions === 0) throw new DomainError("consultations.builder.errors.noQuestions");
    if (current.closesAt.getTime() <= Date.now())
      throw new DomainError("consultations.builder.errors.closesInPast");
    const openedAt = new Date();
    await tx.consultation.update({ where: { id: current.id }, data: { status: "open", openedAt } });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: current.spaceId,
      action: "consultation.opened",
      subjectType: "consultation",
      subjectId: current.id,
      detail: { title: current.title, audience: current.audience, questions: current._count.questions },
    });
    notify(emit, {
      personIds: await audienceMembers(tx, current, actor.personId),
      spaceId: current.spaceId,
      message: "consultations.common.notifications.opened",
      values: { space: current.space.title, title: current.title },
      link: `/consultations/${current.id}`,
    });
    emit("space.changed", { spaceId: current.spaceId, what: "consultation" });
  });
}
