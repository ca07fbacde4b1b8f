import type { Submission, SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import type { Actor } from "~/modules/authorization/actor";
import { requireConsultation, type LoadedConsultation } from "~/modules/consultations/access.server";
import { inputFormId, readAnswers, respondPostSchema, type Answers } from "~/modules/consultations/answers";
import { ourInput, questionsToAnswer } from "~/modules/consultations/respond-queries.server";
import {
  hasErrors,
  saveDraft,
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
  /** Whatever happens, the form comes back with what the person typed. */
  answer: (result: SubmissionResult<string[]>, savedAt?: Date | null) => InputReply;
};

type RespondPost = ReturnType<typeof respondPostSchema.parse>;

/** The action's answer to an input form that was not redirected: the result, and what was typed. */
export type InputReply = {
  formId: string;
  result: SubmissionResult<string[]>;
  answers: Answers;
  aggregatedNote: string;
  baseline: string;
  savedAt: Date | null;
};

/** Saving a draft (by hand or autosaved) and submitting, each in its own function once the post is read. */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: respondPostSchema });
  if (submission.status !== "success") throw new RefusalError(400);
  const consultation = await requireConsultation(actor, params.consultationId ?? "", "consultation.view");
  const { intent = "save", organisationId = "", aggregated, baseline = "" } = submission.value;
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
  };
  const formId = inputFormId(organisationId, posted.aggregated);
  const answer = (result: SubmissionResult<string[]>, savedAt: Date | null = null): InputReply => ({
    formId,
    result,
    answers,
    aggregatedNote,
    baseline,
    savedAt,
  });
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
  const { errors, savedAt } = saved.value;
  if (autosave) return answer(replyWithErrors(submission, errors, []), savedAt);
  if (hasErrors(errors))
    return answer(replyWithErrors(submission, errors, ["consultations.respond.savedWithErrors"]), savedAt);
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
      replyWithErrors(submission, submitted.value.errors, ["consultations.respond.errors.notSubmitted"]),
    );
  return redirectWithToast(respondPage(consultation), {
    kind: "success",
    message: "consultations.respond.submitted",
    values: { version: String(submitted.value.version) },
  });
}
