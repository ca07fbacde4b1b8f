import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { runCommand } from "~/utils/command.server";
import { actingConvener } from "~/modules/spaces/access.server";
import type { LoadedConsultation } from "./access.server";
import { editableQuestion } from "./question-lock.server";
import type { moveDirections } from "./schema";

/** Swaps a question with the one before (up) or after (down) it; at either end nothing moves. */
export async function moveQuestion(
  actor: Actor,
  consultation: LoadedConsultation,
  questionId: string,
  direction: (typeof moveDirections)[number],
  preferredOrganisationId: string | null,
) {
  const organisationId = actingConvener(actor, "consultation.build", consultation, preferredOrganisationId);
  return runCommand(async (tx, emit) => {
    const question = await editableQuestion(tx, consultation.consultationId, questionId);
    const neighbour = await tx.consultationQuestion.findFirst({
      where: {
        consultationId: consultation.consultationId,
        position: direction === "up" ? { lt: question.position } : { gt: question.position },
      },
      orderBy: { position: direction === "up" ? "desc" : "asc" },
      select: { id: true, position: true },
    });
    if (!neighbour) return { moved: false };
    await tx.consultationQuestion.update({
      where: { id: question.id },
      data: { position: neighbour.position },
    });
    await tx.consultationQuestion.update({
      where: { id: neighbour.id },
      data: { position: question.position },
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: consultation.spaceId,
      action: "consultation.question-moved",
      subjectType: "consultation",
      subjectId: consultation.consultationId,
      detail: { questionId, direction, from: question.position, to: neighbour.position },
    });
    emit("space.changed", { spaceId: consultation.spaceId, what: "consultation" });
    return { moved: true };
  });
}
