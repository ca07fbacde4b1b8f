import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import { runCommand } from "~/utils/command.server";
import type { Tx } from "~/utils/db.server";
import { DomainError, forbidden } from "~/utils/errors";
import { readConsultationResource, type LoadedConsultation } from "./access.server";
import {
  aggregatedNoteErrors,
  answerFingerprint,
  draftKeys,
  noteKey,
  readAnswers,
  readBase,
  readRevisions,
  validateAnswers,
  type AnswerErrors,
  type AnswerRevision,
  type Answers,
  type DraftBase,
  type Resolution,
} from "./answers";
import type { Answer } from "./kinds/kind";
import { acceptsInput } from "./lifecycle";
import { findingMessage, inputFindings } from "./personal-data";

/** The answers as posted by one person for one organisation's input. */
export type PostedInput = {
  organisationId: string;
  /** The organisation's aggregated community input rather than its own. */
  aggregated: boolean;
  answers: Answers;
  /** Questions whose posted answer had the wrong shape. */
  malformed: string[];
  aggregatedNote: string;
  /** What the form's answers were based on (a DraftBase as JSON). */
  baseline: string;
  /** The person's choice about an answer that conflicted with a colleague's. */
  resolution?: Resolution | null;
};

/**
 * An answer this person changed from a base a colleague has changed since, to something else: nothing of it
 * was written. The page shows both side by side and posts back which to keep.
 */
export type DraftConflict = {
  key: string;
  mine: Answer | string | undefined;
  theirs: Answer | string | undefined;
  /** Who changed it since, and when: their revision is what "keep mine" is then based on. */
  revision: AnswerRevision;
};

/** What a save did to each answer, for the page to carry on from (see InputReply). */
export type DraftOutcome = {
  /** The base the form now has: the new revision of what was written or adopted, the old one elsewhere. */
  base: DraftBase;
  /** Answers replaced by the colleague's ("keep theirs"): the form shows these now. */
  adopted: Record<string, Answer | string | undefined>;
  conflicts: DraftConflict[];
  /** The keys written by this save. */
  written: string[];
  draftRevision: number;
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
 * Merges what one person changed into their organisation's shared draft, answer by answer (ADR 0026): an
 * answer they changed is written only if it is still at the revision their form was based on; changed by a
 * colleague since, it is a conflict (nothing of it written, both returned) unless both now say the same.
 * Answers they did not change keep what colleagues wrote. Only valid answers are stored; the others are
 * reported (the form keeps what was typed). Refused to anyone who
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
  const revisions = readRevisions(submission.answerRevisions);
  const base = readBase(posted.baseline);
  const outcome: DraftOutcome = {
    base: { ...base },
    adopted: {},
    conflicts: [],
    written: [],
    draftRevision: submission.draftRevision,
  };
  let aggregatedNote = submission.aggregatedNote;
  const now = new Date().toISOString();
  for (const key of draftKeys(questions, posted.aggregated)) {
    const isNote = key === noteKey;
    const mine = isNote ? posted.aggregatedNote || undefined : posted.answers[key];
    const theirs = isNote ? aggregatedNote || undefined : stored[key];
    const current = revisions[key]?.rev ?? 0;
    const resolution = posted.resolution?.key === key ? posted.resolution : null;
    if (resolution?.choice === "theirs") {
      // Keep the colleague's answer: nothing is written, the form takes what is stored now.
      outcome.adopted[key] = theirs;
      outcome.base[key] = [current, answerFingerprint(theirs)];
      continue;
    }
    // Without a base for it (a post that does not carry one), an empty answer changes nothing, and a
    // written one counts as based on revision 0: it is written only where nobody has answered yet.
    const [baseRev, baseFingerprint] = base[key] ?? [0, ""];
    const changed = resolution?.choice === "mine" || baseFingerprint !== answerFingerprint(mine);
    if (!changed) continue;
    if (isNote ? errors.aggregatedNote.length > 0 : errors.answers[key]) continue;
    const basedOn = resolution?.choice === "mine" ? resolution.rev : baseRev;
    if (answerFingerprint(theirs) === answerFingerprint(mine)) {
      // Already stored as this person has it (a colleague wrote the same, or a repeated post): nothing to add.
      outcome.base[key] = [current, answerFingerprint(mine)];
      continue;
    }
    if (basedOn !== current) {
      outcome.conflicts.push({ key, mine, theirs, revision: revisions[key]! });
      continue;
    }
    if (isNote) aggregatedNote = posted.aggregatedNote;
    else if (mine === undefined) delete stored[key];
    else stored[key] = mine;
    revisions[key] = { rev: current + 1, by: actor.personId, name: actor.name, at: now };
    outcome.base[key] = [current + 1, answerFingerprint(mine)];
    outcome.written.push(key);
  }
  // Counted only when something changed, so live pages are told only then.
  if (outcome.written.length > 0) outcome.draftRevision += 1;
  const saved = await tx.submission.update({
    where: { id: submission.id },
    data: {
      answers: JSON.stringify(stored),
      aggregatedNote,
      answerRevisions: JSON.stringify(revisions),
      draftRevision: outcome.draftRevision,
    },
  });
  return { submission: saved, questions, answers: stored, errors, outcome };
}

/** The event of a save that changed the shared draft, for colleagues' open pages. */
export function draftChange(
  consultation: LoadedConsultation,
  posted: PostedInput,
  outcome: DraftOutcome,
  actor: Actor,
) {
  return {
    consultationId: consultation.consultationId,
    organisationId: posted.organisationId,
    aggregated: posted.aggregated,
    draftRevision: outcome.draftRevision,
    byPersonId: actor.personId,
  };
}

/**
 * A member of an organisation that may answer saves what they typed into the organisation's shared draft
 * (or its aggregated-input draft). Saving an incomplete or partly invalid draft is fine: the valid answers
 * are kept and the rest reported.
 */
export async function saveDraft(actor: Actor, consultation: LoadedConsultation, posted: PostedInput) {
  return runCommand(async (tx, emit) => {
    const { submission, questions, answers, errors, outcome } = await mergeIntoDraft(
      tx,
      actor,
      consultation,
      posted,
      "consultation.draft",
    );
    if (outcome.written.length > 0) emit("draft.changed", draftChange(consultation, posted, outcome, actor));
    // Saved all the same (a draft never loses text), with a warning for each piece of personal data in it.
    const warnings: InputErrors = { answers: {}, aggregatedNote: [] };
    if (posted.aggregated)
      for (const [key, findings] of Object.entries(
        inputFindings(questions, answers, submission.aggregatedNote),
      )) {
        const messages = findings.map(findingMessage);
        if (key === noteKey) warnings.aggregatedNote = messages;
        else warnings.answers[key] = messages;
      }
    return { savedAt: submission.updatedAt, errors, warnings, outcome };
  });
}
