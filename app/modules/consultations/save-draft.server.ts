import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import { runCommand } from "~/utils/command.server";
import type { Tx } from "~/utils/db.server";
import { DomainError, forbidden } from "~/utils/errors";
import { readConsultationResource, type LoadedConsultation } from "./access.server";
import {
  aggregatedNoteErrors,
  changedSinceBaseline,
  readAnswers,
  validateAnswers,
  type AnswerErrors,
  type Answers,
} from "./answers";
import { acceptsInput } from "./lifecycle";

/** The answers as posted by one person for one organisation's input. */
export type PostedInput = {
  organisationId: string;
  /** The organisation's aggregated community input rather than its own. */
  aggregated: boolean;
  answers: Answers;
  /** Questions whose posted answer had the wrong shape. */
  malformed: string[];
  aggregatedNote: string;
  /** The fingerprints of what the form was opened with (see answersBaseline). */
  baseline: string;
};

export type InputErrors = { answers: AnswerErrors; aggregatedNote: string[] };

/**
 * Refuses input to a consultation that has closed (with the message the form shows, keeping what was typed)
 * and, while it is open, anyone who may not take `action` for the organisation (403) — decided in the
 * transaction that writes the input, on the organisation's standing as it is then: an organisation removed
 * from the space, or taken off the audience, while one of its people was typing saves nothing.
 */
async function assertMayAnswer(
  tx: Tx,
  actor: Actor,
  consultationId: string,
  organisationId: string,
  action: "consultation.draft" | "consultation.submit",
) {
  const consultation = await readConsultationResource(actor, consultationId, tx);
  if (consultation?.status === "closed" || consultation?.status === "published")
    throw new DomainError("consultations.respond.errors.closed");
  if (!consultation || !can(actor, action, { ...consultation, organisationId })) forbidden();
}

export function hasErrors(errors: InputErrors) {
  return Object.keys(errors.answers).length > 0 || errors.aggregatedNote.length > 0;
}

/**
 * Merges what one person changed into their organisation's shared draft, question by question: the last
 * write wins for each question, and questions this person did not touch keep what colleagues wrote. Only
 * valid answers are stored; the others are reported (the form keeps what was typed). Refused to anyone who
 * may not take `action` for the organisation now, and once the consultation no longer accepts input.
 */
export async function mergeIntoDraft(
  tx: Tx,
  actor: Actor,
  consultation: LoadedConsultation,
  posted: PostedInput,
  action: "consultation.draft" | "consultation.submit",
) {
  await assertMayAnswer(tx, actor, consultation.consultationId, posted.organisationId, action);
  const row = await tx.consultation.findUniqueOrThrow({
    where: { id: consultation.consultationId },
    select: {
      status: true,
      closesAt: true,
      questions: { select: { id: true, kind: true, required: true, options: true } },
    },
  });
  if (!acceptsInput(row)) throw new DomainError("consultations.respond.errors.closed");
  const questions = row.questions;
  const errors: InputErrors = {
    answers: validateAnswers(questions, posted.answers, "draft", posted.malformed),
    aggregatedNote: posted.aggregated ? aggregatedNoteErrors(posted.aggregatedNote, "draft") : [],
  };

  const key = {
    consultationId: consultation.consultationId,
    organisationId: posted.organisationId,
    isAggregated: posted.aggregated,
  };
  let submission = await tx.submission.findUnique({
    where: { consultationId_organisationId_isAggregated: key },
  });
  if (!submission) {
    submission = await tx.submission.create({ data: key });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId: posted.organisationId,
      spaceId: consultation.spaceId,
      action: "consultation.draft-started",
      subjectType: "submission",
      subjectId: submission.id,
      detail: { consultationId: consultation.consultationId, aggregated: posted.aggregated },
    });
  }

  const stored = readAnswers(questions, JSON.parse(submission.answers)).answers;
  const changed = changedSinceBaseline(
    questions,
    { answers: posted.answers, note: posted.aggregatedNote },
    posted.baseline,
  );
  for (const questionId of changed.questionIds) {
    if (errors.answers[questionId]) continue;
    const answer = posted.answers[questionId];
    if (answer === undefined) delete stored[questionId];
    else stored[questionId] = answer;
  }
  const aggregatedNote =
    posted.aggregated && changed.note && errors.aggregatedNote.length === 0
      ? posted.aggregatedNote
      : submission.aggregatedNote;
  const saved = await tx.submission.update({
    where: { id: submission.id },
    data: { answers: JSON.stringify(stored), aggregatedNote },
  });
  return { submission: saved, questions, answers: stored, errors };
}

/**
 * A member of an organisation that may answer saves what they typed into the organisation's shared draft
 * (or its aggregated-input draft). Saving an incomplete or partly invalid draft is fine: the valid answers
 * are kept and the rest reported.
 */
export async function saveDraft(actor: Actor, consultation: LoadedConsultation, posted: PostedInput) {
  return runCommand(async (tx) => {
    const { submission, errors } = await mergeIntoDraft(
      tx,
      actor,
      consultation,
      posted,
      "consultation.draft",
    );
    return { savedAt: submission.updatedAt, errors };
  });
}
