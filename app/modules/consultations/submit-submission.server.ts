import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { runCommand } from "~/utils/command.server";
import { aggregatedNoteErrors, noteKey, validateAnswers } from "./answers";
import { findingMessage, inputFindings } from "./personal-data";
import type { LoadedConsultation } from "./access.server";
import {
  draftChange,
  hasErrors,
  mergeIntoDraft,
  type DraftOutcome,
  type InputErrors,
  type PostedInput,
} from "./save-draft.server";
import { countSubmittedVersion } from "./tallies.server";

/**
 * The lead delegate (or an organisation admin) submits the organisation's input on its behalf: what they
 * changed is merged into the shared draft first, then the whole draft must pass every rule. Each submission
 * is kept as a new version (1, 2, …); a revision before closing simply submits again, and the results trade
 * the previous version's counts for the new one's in the same transaction. When something is wrong nothing
 * is submitted, the valid changes stay in the draft and the errors are returned; so it is when an answer
 * conflicts with a colleague's change (the conflicts are returned).
 */
export async function submitSubmission(
  actor: Actor,
  consultation: LoadedConsultation,
  posted: PostedInput,
): Promise<
  | { ok: true; version: number; submittedAt: Date; outcome: DraftOutcome }
  | { ok: false; errors: InputErrors; outcome: DraftOutcome; personalData?: boolean }
> {
  return runCommand(async (tx, emit) => {
    const draft = await mergeIntoDraft(tx, actor, consultation, posted, "consultation.submit");
    const { outcome } = draft;
    if (outcome.written.length > 0) emit("draft.changed", draftChange(consultation, posted, outcome, actor));
    // An answer in conflict with a colleague's is settled first: nothing is submitted over it.
    if (outcome.conflicts.length > 0)
      return { ok: false as const, errors: { answers: {}, aggregatedNote: [] }, outcome };
    const complete = validateAnswers(draft.questions, draft.answers, "submit");
    const errors: InputErrors = {
      answers: { ...complete, ...draft.errors.answers },
      aggregatedNote: posted.aggregated
        ? draft.errors.aggregatedNote.length
          ? draft.errors.aggregatedNote
          : aggregatedNoteErrors(draft.submission.aggregatedNote, "submit")
        : [],
    };
    if (hasErrors(errors)) return { ok: false as const, errors, outcome };
    // Aggregated community input is refused while it holds personal data (issue 12): the author removes it.
    if (posted.aggregated) {
      const found = inputFindings(draft.questions, draft.answers, draft.submission.aggregatedNote);
      if (Object.keys(found).length > 0) {
        for (const [key, findings] of Object.entries(found)) {
          const messages = findings.map(findingMessage);
          if (key === noteKey) errors.aggregatedNote.push(...messages);
          else errors.answers[key] = messages;
        }
        return { ok: false as const, errors, outcome, personalData: true };
      }
    }

    const version = draft.submission.version + 1;
    const submittedAt = new Date();
    const answers = JSON.stringify(draft.answers);
    await tx.submissionVersion.create({
      data: {
        submissionId: draft.submission.id,
        version,
        answers,
        aggregatedNote: draft.submission.aggregatedNote,
        submittedById: actor.personId,
        submittedAt,
      },
    });
    await tx.submission.update({
      where: { id: draft.submission.id },
      data: { status: "submitted", version, submittedAt, submittedById: actor.personId },
    });
    await countSubmittedVersion(tx, draft.submission.id, draft.submission.version);
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId: posted.organisationId,
      spaceId: consultation.spaceId,
      action: version === 1 ? "consultation.input-submitted" : "consultation.input-revised",
      subjectType: "submission",
      subjectId: draft.submission.id,
      detail: { consultationId: consultation.consultationId, version, aggregated: posted.aggregated },
    });
    emit("space.changed", { spaceId: consultation.spaceId, what: "consultation" });
    return { ok: true as const, version, submittedAt, outcome };
  });
}
