import type { ShouldRevalidateFunction } from "@remix-run/react";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InputSection } from "~/components/consultations/input-section";
import { QuestionInput, type QuestionInputQuestion } from "~/components/consultations/question-input";
import { useDateFormat } from "~/components/ui/date";
import { ErrorList } from "~/components/ui/form";
import { inputFormId } from "~/modules/consultations/answers";
import { useFormReply } from "~/utils/form-reply";
import type { action, InputReply, loader } from "./consultations.$consultationId.respond.server";

export { action, loader } from "./consultations.$consultationId.respond.server";

/** Autosaves answer with data, not a redirect, and need not reload every loader of the page. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("autosave") === "1" ? false : defaultShouldRevalidate;

/** "Our input": each of the viewer's organisations' drafts, submissions and versions. */
export default function OurInputPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const formatDate = useDateFormat();
  const reply = useFormReply<typeof action>();
  // A post refused for an organisation the page no longer lists (the consultation has closed since).
  const listed = (formId: string) =>
    data.organisations.some((organisation) =>
      [false, true].some((aggregated) => inputFormId(organisation.organisationId, aggregated) === formId),
    );
  const returned = reply && !listed(reply.formId) ? reply : undefined;
  return (
    <div className="stack">
      <h2>{t("consultations.respond.title")}</h2>
      {data.acceptsInput ? (
        <p>{t("consultations.respond.closesOn", { date: formatDate(data.closesAt, "calendar-day") })}</p>
      ) : data.status !== "draft" ? (
        <p className="notice">
          {t("consultations.respond.closedOn", { date: formatDate(data.closesAt, "calendar-day") })}
        </p>
      ) : null}
      {returned ? <ReturnedInput returned={returned} questions={data.questions} /> : null}
      {data.organisations.length === 0 ? (
        <p>{t(data.acceptsInput ? "consultations.respond.cannotAnswer" : "consultations.respond.noInput")}</p>
      ) : (
        <p>{t("consultations.respond.intro")}</p>
      )}
      {data.organisations.map((organisation) => (
        <section
          key={organisation.organisationId}
          className="stack"
          aria-labelledby={`organisation-${organisation.organisationId}`}
        >
          <h3 id={`organisation-${organisation.organisationId}`}>{organisation.name}</h3>
          {organisation.inputs.map((input) => (
            <InputSection
              key={String(input.aggregated)}
              organisation={organisation}
              input={input}
              questions={data.questions}
              acceptsInput={data.acceptsInput}
              posted={
                reply?.formId === inputFormId(organisation.organisationId, input.aggregated)
                  ? reply
                  : undefined
              }
            />
          ))}
        </section>
      ))}
    </div>
  );
}

/** What a refused post carried, given back to the person to keep a copy (nothing here is posted again). */
function ReturnedInput({
  returned,
  questions,
}: {
  returned: InputReply;
  questions: QuestionInputQuestion[];
}) {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="returned-input-heading">
      <h3 id="returned-input-heading" className="card__title">
        {t("consultations.respond.returned.title")}
      </h3>
      <ErrorList errors={returned.result.error?.[""] ?? undefined} />
      {returned.aggregatedNote ? (
        <div className="field">
          <label htmlFor="returned-note">{t("consultations.respond.aggregated.note")}</label>
          <textarea id="returned-note" defaultValue={returned.aggregatedNote} rows={4} readOnly />
        </div>
      ) : null}
      {questions.map((question) => (
        <QuestionInput
          key={question.id}
          question={question}
          value={returned.answers[question.id]}
          name={`returned.${question.id}`}
        />
      ))}
    </section>
  );
}
