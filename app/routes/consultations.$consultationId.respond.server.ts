import type { Submission, SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import type { Actor } from "~/modules/authorization/actor";
import { requireConsultation, type LoadedConsultation } from "~/modules/consultations/access.server";
import {
  inputFormId,
  readAnswers,
  readBase,
  readResolution,
  respondPostSchema,
  type Answers,
  type DraftBase,
} from "~/modules/consultations/answers";
import type { Answer } from "~/modules/consultations/kinds/kind";
import { ourInput, questionsToAnswer } from "~/modules/consultations/respond-queries.server";
import {
  hasErrors,
  saveDraft,
  type DraftOutcome,
  type InputErrors,
  type PostedInput,
} from "~/modules/consultations/save-draft.server";
import { submitSubmission } from "~/modules/consultations/submit-submission.server";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { RefusalError } from "~/utils/errors";
import { attempt, readForm } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const consultation = await requireConsultation(actor, params.consultationId ?? "", "consultation.view");
  const input = await currentOrganisationId(request, actor).then((current) =>
    ourInput(actor, consultation, current),
  );
  return {
    ...input,
    organisations: input.organisations.map(({ own, aggregated, ...organisation }) => ({
      ...organisation,
      inputs: [own, aggregated],
    })),
  };
}

type Post = {
  request: Request;
  actor: Actor;
  consultation: LoadedConsultation;
  posted: PostedInput;
  submission: Submission<RespondPost, string[]>;
  /** Whatever happens, the form comes back with what the person typed (and the colleague's answers they kept). */
  answer: (
    result: SubmissionResult<string[]>,
    savedAt?: Date | null,
    outcome?: DraftOutcome,
  ) => InputReply;
};

type RespondPost = ReturnType<typeof respondPostSchema.parse>;

/** The action's answer to an input form that was not redirected: the result, and what was typed. */
export type InputReply = {
  formId: string;
  result: SubmissionResult<string[]>;
  answers: Answers;
  aggregatedNote: string;
  /** What the form's answers are now based on (see DraftBase). */
  base: DraftBase;
  /** Answers a colleague changed since, that this person changed too: nothing of theirs was lost. */
  conflicts: ReplyConflict[];
  /** The keys this post wrote, and the ones it took from the colleague ("keep theirs"). */
  written: string[];
  adopted: string[];
  draftRevision: number | null;
  savedAt: Date | null;
};

export type ReplyConflict = {
  key: string;
  mine: Answer | string | null;
  theirs: Answer | string | null;
  rev: number;
  name: string;
  at: string;
};

/** Saving a draft (by hand or autosaved) and submitting, each in its own function once the post is read. */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: respondPostSchema });
  if (submission.status !== "success") throw new RefusalError(400);
  const consultation = await requireConsultation(actor, params.consultationId ?? "", "consultation.view");
  const { intent = "save", organisationId = "", aggregated, baseline = "", resolve } = submission.value;
  const questions = await questionsToAnswer(consultation.consultationId);
  const payload = submission.payload as { answers?: unknown; aggregatedNote?: unknown };
  const { answers, malformed } = readAnswers(questions, payload.answers);
  const aggregatedNote = typeof payload.aggregatedNote === "string" ? payload.aggregatedNote : "";
  const posted: PostedInput = {
    organisationId,
    aggregated: aggregated === "true",
    answers,
    malformed,
    aggregatedNote,
    baseline,
    resolution: readResolution(resolve),
  };
  const formId = inputFormId(organisationId, posted.aggregated);
  const answer = (
    result: SubmissionResult<string[]>,
    savedAt: Date | null = null,
    outcome?: DraftOutcome,
  ): InputReply => {
    const adopted = outcome?.adopted ?? {};
    const kept = { ...answers };
    let note = aggregatedNote;
    for (const [key, value] of Object.entries(adopted)) {
      if (key === "@aggregatedNote") note = typeof value === "string" ? value : "";
      else if (value === undefined) delete kept[key];
      else kept[key] = value as Answer;
    }
    return {
      formId,
      result,
      answers: kept,
      aggregatedNote: note,
      base: outcome?.base ?? readBase(baseline),
      conflicts: (outcome?.conflicts ?? []).map((conflict) => ({
        key: conflict.key,
        mine: conflict.mine ?? null,
        theirs: conflict.theirs ?? null,
        rev: conflict.revision.rev,
        name: conflict.revision.name,
        at: conflict.revision.at,
      })),
      written: outcome?.written ?? [],
      adopted: Object.keys(adopted),
      draftRevision: outcome?.draftRevision ?? null,
      savedAt,
    };
  };
  const post: Post = { request, actor, consultation, posted, submission, answer };
  if (intent === "submit") return submit(post);
  return save(post, formData.get("autosave") === "1");
}

/** The errors of answers and of the note, as the form shows them, with `formErrors` above the form. */
function replyWithErrors(submission: Post["submission"], errors: InputErrors, formErrors: string[]) {
  return submission.reply({
    formErrors,
    fieldErrors: {
      ...Object.fromEntries(
        Object.entries(errors.answers).map(([questionId, messages]) => [`answers.${questionId}`, messages]),
      ),
      ...(errors.aggregatedNote.length ? { aggregatedNote: errors.aggregatedNote } : {}),
    },
  });
}

const respondPage = (consultation: LoadedConsultation) =>
  `/consultations/${consultation.consultationId}/respond`;

async function save({ actor, consultation, posted, submission, answer }: Post, autosave: boolean) {
  const saved = await attempt(submission, () => saveDraft(actor, consultation, posted));
  if (!saved.ok) return answer(saved.reply);
  const { savedAt, outcome, warnings } = saved.value;
  // Personal data found in an aggregated draft is shown as it is saved: the author is asked to remove it.
  const errors: InputErrors = {
    answers: { ...warnings.answers, ...saved.value.errors.answers },
    aggregatedNote: saved.value.errors.aggregatedNote.length
      ? saved.value.errors.aggregatedNote
      : warnings.aggregatedNote,
  };
  const warned = hasErrors(warnings);
  if (autosave) return answer(replyWithErrors(submission, errors, []), savedAt, outcome);
  if (outcome.conflicts.length > 0)
    return answer(
      replyWithErrors(submission, errors, ["consultations.respond.conflict.formError"]),
      savedAt,
      outcome,
    );
  if (hasErrors(errors))
    return answer(
      replyWithErrors(submission, errors, [
        warned && !hasErrors(saved.value.errors)
          ? "consultations.personalData.savedWithFindings"
          : "consultations.respond.savedWithErrors",
      ]),
      savedAt,
      outcome,
    );
  return redirectWithToast(respondPage(consultation), {
    kind: "success",
    message: "consultations.respond.saved",
  });
}

async function submit({ actor, consultation, posted, submission, answer }: Post) {
  const submitted = await attempt(submission, () => submitSubmission(actor, consultation, posted));
  if (!submitted.ok) return answer(submitted.reply);
  if (!submitted.value.ok)
    return answer(
      replyWithErrors(submission, submitted.value.errors, [
        submitted.value.outcome.conflicts.length > 0
          ? "consultations.respond.conflict.formError"
          : submitted.value.personalData
            ? "consultations.personalData.notSubmitted"
            : "consultations.respond.errors.notSubmitted",
      ]),
      null,
      submitted.value.outcome,
    );
  return redirectWithToast(respondPage(consultation), {
    kind: "success",
    message: "consultations.respond.submitted",
    values: { version: String(submitted.value.version) },
  });
}
