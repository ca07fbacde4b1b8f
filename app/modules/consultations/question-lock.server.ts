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
