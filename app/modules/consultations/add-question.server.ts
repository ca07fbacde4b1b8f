import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { runCommand } from "~/utils/command.server";
import { actingConvener } from "~/modules/spaces/access.server";
import type { LoadedConsultation } from "./access.server";
import { assertQuestionsEditable } from "./question-lock.server";
import type { QuestionFields } from "./kinds";

/** Adds a question at the end of a draft consultation's form. */
export async function addQuestion(
  actor: Actor,
  consultation: LoadedConsultation,
  input: QuestionFields,
  preferredOrganisationId: string | null,
) {
  const organisationId = actingConvener(actor, "consultation.build", consultation, preferredOrganisationId);
  return runCommand(async (tx, emit) => {
    await assertQuestionsEditable(tx, consultation.consultationId);
    const last = await tx.consultationQuestion.aggregate({
      where: { consultationId: consultation.consultationId },
      _max: { position: true },
    });
    const question = await tx.consultationQuestion.create({
      data: {
        ...input,
        consultationId: consultation.consultationId,
        position: (last._max.position ?? 0) + 1,
      },
      select: { id: true, position: true },
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: consultation.spaceId,
      action: "consultation.question-added",
      subjectType: "consultation",
      subjectId: consultation.consultationId,
      detail: {
        questionId: question.id,
        position: question.position,
        kind: input.kind,
        prompt: input.prompt,
      },
    });
    emit("space.changed", { spaceId: consultation.spaceId, what: "consultation" });
    return question;
  });
}
