import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { QuestionForm } from "~/components/consultations/question-form";
import { QuestionInput } from "~/components/consultations/question-input";
import { requireActor } from "~/modules/auth/session.server";
import { requireConsultation } from "~/modules/consultations/access.server";
import { addQuestion } from "~/modules/consultations/add-question.server";
import { moveQuestion } from "~/modules/consultations/move-question.server";
import { consultationQuestions } from "~/modules/consultations/queries.server";
import { removeQuestion } from "~/modules/consultations/remove-question.server";
import {
  isQuestionKind,
  questionFormValues,
  questionKinds,
  questionSchema,
  type QuestionKind,
} from "~/modules/consultations/kinds";
import { moveDirections } from "~/modules/consultations/schema";
import { updateQuestion } from "~/modules/consultations/update-question.server";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { DomainError, notFound } from "~/utils/errors";
import { attempt, readForm } from "~/utils/forms.server";
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

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const consultation = await requireConsultation(actor, params.consultationId ?? "", "consultation.build");
  const formData = await readForm(request);
  const organisationId = await currentOrganisationId(request, actor);
  const here = `/consultations/${consultation.consultationId}/questions`;
  const intent = formData.get("intent");

  if (intent === "remove" || intent === "move") {
    const fields = Object.fromEntries(formData);
    try {
      if (intent === "remove") {
        const parsed = questionIdSchema.safeParse(fields);
        if (!parsed.success) notFound();
        await removeQuestion(actor, consultation, parsed.data.questionId, organisationId);
      } else {
        const parsed = moveSchema.safeParse(fields);
        if (!parsed.success) notFound();
        await moveQuestion(
          actor,
          consultation,
          parsed.data.questionId,
          parsed.data.direction,
          organisationId,
        );
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return redirectWithToast(here, { kind: "error", message: error.messageKey });
    }
    return redirectWithToast(here, {
      kind: "success",
      message:
        intent === "remove"
          ? "consultations.builder.questions.removed"
          : "consultations.builder.questions.moved",
    });
  }

  const questionId = intent === "update" ? questionIdSchema.safeParse(Object.fromEntries(formData)) : null;
  if (questionId && !questionId.success) notFound();
  const formId = questionId?.data ? `edit-${questionId.data.questionId}` : "add-question";
  const submission = parseWithZod(formData, { schema: questionSchema });
  if (submission.status !== "success") return { formId, result: submission.reply() };
  const result = await attempt(submission, async () => {
    if (questionId?.data)
      await updateQuestion(actor, consultation, questionId.data.questionId, submission.value, organisationId);
    else await addQuestion(actor, consultation, submission.value, organisationId);
  });
  if (!result.ok) return { formId, result: result.reply };
  return redirectWithToast(here, {
    kind: "success",
    message: questionId ? "consultations.builder.questions.saved" : "consultations.builder.questions.added",
  });
}

/** The form builder: the questions in order, each previewed as respondents will see it. */
export default function ConsultationQuestionsPage() {
  const { questions, locked, adding, editing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const q = "consultations.builder.questions";
  return (
    <div className="stack">
      <section aria-labelledby="questions-heading" className="stack">
        <h2 id="questions-heading">{t(`${q}.title`)}</h2>
        <p className={locked ? "notice" : "lead"}>{t(locked ? `${q}.locked` : `${q}.lead`)}</p>
        {questions.length === 0 ? (
          <p>{t(`${q}.empty`)}</p>
        ) : (
          <ol className="card-list question-list">
            {questions.map((question, index) => (
              <li key={question.id} className="card stack">
                <p className="actions">
                  <span className="badge">{t(`consultations.common.kinds.${question.kind}`)}</span>
                  <span>{t(`${q}.number`, { number: index + 1 })}</span>
                </p>
                {editing?.id === question.id ? (
                  <QuestionForm
                    kind={editing.kind as QuestionKind}
                    formId={`edit-${question.id}`}
                    questionId={question.id}
                    defaultValue={editing.values}
                    lastResult={actionData?.formId === `edit-${question.id}` ? actionData.result : undefined}
                    cancelTo="."
                  />
                ) : (
                  <div className="question-preview" aria-label={t(`${q}.preview`)} role="group">
                    <QuestionInput question={question} name={`preview-${question.id}`} disabled />
                  </div>
                )}
                {locked ? null : (
                  <div className="actions">
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="move" />
                      <input type="hidden" name="questionId" value={question.id} />
                      <button
                        type="submit"
                        name="direction"
                        value="up"
                        className="button button--small button--quiet"
                        disabled={index === 0}
                        aria-label={t(`${q}.moveUpLabel`, { number: index + 1 })}
                      >
                        {t(`${q}.moveUp`)}
                      </button>
                      <button
                        type="submit"
                        name="direction"
                        value="down"
                        className="button button--small button--quiet"
                        disabled={index === questions.length - 1}
                        aria-label={t(`${q}.moveDownLabel`, { number: index + 1 })}
                      >
                        {t(`${q}.moveDown`)}
                      </button>
                    </Form>
                    {editing?.id === question.id ? null : (
                      <Link
                        to={`?edit=${question.id}`}
                        className="button button--small button--quiet"
                        aria-label={t(`${q}.editLabel`, { number: index + 1 })}
                      >
                        {t(`${q}.edit`)}
                      </Link>
                    )}
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="questionId" value={question.id} />
                      <button
                        type="submit"
                        className="button button--small button--danger"
                        aria-label={t(`${q}.removeLabel`, { number: index + 1 })}
                      >
                        {t(`${q}.remove`)}
                      </button>
                    </Form>
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      {locked ? null : (
        <section aria-labelledby="add-question-heading" className="card stack" id="new-question">
          <h2 id="add-question-heading">{t(`${q}.addTitle`)}</h2>
          <nav aria-label={t(`${q}.kindsLabel`)}>
            <ul className="inline-list">
              {questionKinds.map((kind) => (
                <li key={kind}>
                  <Link
                    to={`?add=${kind}#new-question`}
                    className={`button button--small${adding === kind ? "" : " button--quiet"}`}
                    aria-current={adding === kind ? "true" : undefined}
                  >
                    {t(`consultations.common.kinds.${kind}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {adding ? (
            <QuestionForm
              key={adding}
              kind={adding}
              formId="add-question"
              lastResult={actionData?.formId === "add-question" ? actionData.result : undefined}
              cancelTo="."
            />
          ) : null}
        </section>
      )}
    </div>
  );
}
