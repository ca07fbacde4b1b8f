import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { runCommand } from "~/utils/command.server";
import { actingConvener } from "~/modules/spaces/access.server";
import type { LoadedConsultation } from "./access.server";
import { editableQuestion } from "./question-lock.server";

/** Removes a question from a draft consultation; the questions after it move up one place. */
export async function removeQuestion(
  actor: Actor,
  consultation: LoadedConsultation,
  questionId: string,
  preferredOrganisationId: string | null,
) {
  const organisationId = actingConvener(actor, "consultation.build", consultation, preferredOrganisationId);
  return runCommand(async (tx, emit) => {
    const question = await editableQuestion(tx, consultation.consultationId, questionId);
    await tx.consultationQuestion.delete({ where: { id: question.id } });
    await tx.consultationQuestion.updateMany({
      where: { consultationId: consultation.consultationId, position: { gt: question.position } },
      data: { position: { decrement: 1 } },
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: consultation.spaceId,
      action: "consultation.question-removed",
      subjectType: "consultation",
      subjectId: consultation.consultationId,
      detail: { questionId, prompt: question.prompt },
    });
    emit("space.changed", { spaceId: consultation.spaceId, what: "consultation" });
    return question;
  });
}
