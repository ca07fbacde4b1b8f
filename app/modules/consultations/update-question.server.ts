import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { runCommand } from "~/utils/command.server";
import { notFound } from "~/utils/errors";
import { actingConvener } from "~/modules/spaces/access.server";
import type { LoadedConsultation } from "./access.server";
import { assertQuestionsEditable } from "./question-lock.server";
import type { QuestionFields } from "./kinds";

/** Rewrites one question of a draft consultation (its kind may change too). */
export async function updateQuestion(
  actor: Actor,
  consultation: LoadedConsultation,
  questionId: string,
  input: QuestionFields,
  preferredOrganisationId: string | null,
) {
  const organisationId = actingConvener(actor, "consultation.build", consultation, preferredOrganisationId);
  return runCommand(async (tx, emit) => {
    await assertQuestionsEditable(tx, consultation.consultationId);
    const { count } = await tx.consultationQuestion.updateMany({
      where: { id: questionId, consultationId: consultation.consultationId },
      data: input,
    });
    if (count === 0) notFound();
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: consultation.spaceId,
      action: "consultation.question-updated",
      subjectType: "consultation",
      subjectId: consultation.consultationId,
      detail: { questionId, kind: input.kind, prompt: input.prompt, required: input.required },
    });
    emit("space.changed", { spaceId: consultation.spaceId, what: "consultation" });
  });
}
