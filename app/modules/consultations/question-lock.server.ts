import type { Tx } from "~/utils/db.server";
import { DomainError, notFound } from "~/utils/errors";
import { questionsLocked } from "./lifecycle";

/** Refuses any change to the questions once the consultation has opened or its first input arrived. */
export async function assertQuestionsEditable(tx: Tx, consultationId: string) {
  const consultation = await tx.consultation.findUnique({
    where: { id: consultationId },
    select: { status: true, _count: { select: { submissions: { where: { status: "submitted" } } } } },
  });
  if (!consultation) notFound();
  if (questionsLocked(consultation, consultation._count.submissions))
    throw new DomainError("consultations.builder.errors.locked");
}

/** One question of the consultation, while its questions may still change (404 for another's question). */
export async function editableQuestion(tx: Tx, consultationId: string, questionId: string) {
  await assertQuestionsEditable(tx, consultationId);
  const question = await tx.consultationQuestion.findFirst({
    where: { id: questionId, consultationId },
    select: { id: true, position: true, prompt: true },
  });
  if (!question) notFound();
  return question;
}
