import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireActor } from "~/modules/auth/session.server";
import {
  readConsultationPost,
  requireConsultation,
  type ConsultationPost,
} from "~/modules/consultations/access.server";
import { addQuestion } from "~/modules/consultations/add-question.server";
import { isQuestionKind, questionFormValues, questionSchema } from "~/modules/consultations/kinds";
import { moveQuestion } from "~/modules/consultations/move-question.server";
import { consultationQuestions } from "~/modules/consultations/queries.server";
import { removeQuestion } from "~/modules/consultations/remove-question.server";
import { moveDirections } from "~/modules/consultations/schema";
import { updateQuestion } from "~/modules/consultations/update-question.server";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { notFound } from "~/utils/errors";
import { attempt, attemptWithToast } from "~/utils/forms.server";
import { submitOnce } from "~/utils/form-token.server";
import { redirectWithToast } from "~/utils/toast.server";

const questionIdSchema = z.object({ questionId: z.string().trim().min(1).max(64) });
const moveSchema = questionIdSchema.extend({ direction: z.enum(moveDirections) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const consultation = await requireConsultation(actor, params.consultationId ?? "", "consultation.build");
  const { questions, locked } = await consultationQuestions(consultation.consultationId);
  const search = new URL(request.url).searchParams;
  const add = search.get("add");
  const edit = questions.find((question) => question.id === search.get("edit"));
  return {
    questions,
    locked,
    adding: !locked && isQuestionKind(add) ? add : null,
    editing: !locked && edit ? { id: edit.id, kind: edit.kind, values: questionFormValues(edit) } : null,
  };
}

/** Removing, moving, adding and editing a question, one function each. */
export async function action({ request, params }: ActionFunctionArgs) {
  const post = await readConsultationPost(request, params.consultationId);
  switch (post.formData.get("intent")) {
    case "remove":
      return remove(post);
    case "move":
      return move(post);
    case "update":
      return save(post, "update");
    default:
      return save(post, "add");
  }
}

const builder = (consultationId: string) => `/consultations/${consultationId}/questions`;

/** The consultation when the actor may build it, and the organisation they act for. */
async function building({ request, actor, consultationId }: ConsultationPost) {
  const consultation = await requireConsultation(actor, consultationId, "consultation.build");
  return { consultation, organisationId: await currentOrganisationId(request, actor) };
}

async function remove(post: ConsultationPost) {
  const parsed = questionIdSchema.safeParse(Object.fromEntries(post.formData));
  const { consultation, organisationId } = await building(post);
  if (!parsed.success) notFound();
  return attemptWithToast(builder(post.consultationId), "consultations.builder.questions.removed", () =>
    removeQuestion(post.actor, consultation, parsed.data.questionId, organisationId),
  );
}

async function move(post: ConsultationPost) {
  const parsed = moveSchema.safeParse(Object.fromEntries(post.formData));
  const { consultation, organisationId } = await building(post);
  if (!parsed.success) notFound();
  const { questionId, direction } = parsed.data;
  return attemptWithToast(builder(post.consultationId), "consultations.builder.questions.moved", () =>
    moveQuestion(post.actor, consultation, questionId, direction, organisationId),
  );
}

async function save(post: ConsultationPost, intent: "add" | "update") {
  const questionId =
    intent === "update" ? questionIdSchema.safeParse(Object.fromEntries(post.formData)) : null;
  const submission = parseWithZod(post.formData, { schema: questionSchema });
  const { consultation, organisationId } = await building(post);
  if (questionId && !questionId.success) notFound();
  const editing = questionId?.data?.questionId;
  const formId = editing ? `edit-${editing}` : "add-question";
  if (submission.status !== "success") return { formId, result: submission.reply() };
  const work = () =>
    attempt(submission, async () => {
      if (editing) await updateQuestion(post.actor, consultation, editing, submission.value, organisationId);
      else await addQuestion(post.actor, consultation, submission.value, organisationId);
    });
  // Adding the same question twice (a double click) adds it once; an edit is the same when repeated.
  const once = editing
    ? { replay: null, value: await work() }
    : await submitOnce(post.actor, post.formData, builder(post.consultationId), work);
  if (once.replay === null && !once.value.ok) return { formId, result: once.value.reply };
  return redirectWithToast(once.replay ?? builder(post.consultationId), {
    kind: "success",
    message: editing ? "consultations.builder.questions.saved" : "consultations.builder.questions.added",
  });
}
