import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { QuestionForm } from "~/components/consultations/question-form";
import { QuestionInput } from "~/components/consultations/question-input";
import { questionKinds, type QuestionKind } from "~/modules/consultations/kinds";
import { useFormReply } from "~/utils/form-reply";
import type { action, loader } from "./consultations.$consultationId.questions.server";

export { action, loader } from "./consultations.$consultationId.questions.server";

/** The form builder: the questions in order, each previewed as respondents will see it. */
export default function ConsultationQuestionsPage() {
  const { questions, locked, adding, editing } = useLoaderData<typeof loader>();
  const actionData = useFormReply<typeof action>();
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
