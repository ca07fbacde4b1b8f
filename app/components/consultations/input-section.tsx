import { DateText } from "~/components/ui/date";
import { useField, type SubmissionResult } from "@conform-to/react";
import type { SerializeFrom } from "@remix-run/node";
import { useFetcher } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList, TextAreaField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import {
  aggregatedNoteLimit,
  inputFormId,
  respondFormSchema,
  type Answers,
} from "~/modules/consultations/answers";
import type { Answer } from "~/modules/consultations/kinds/kind";
import type { action, InputReply, loader } from "~/routes/consultations.$consultationId.respond.server";
import { InputVersions } from "./input-versions";
import { QuestionInput, type QuestionInputQuestion } from "./question-input";

type PageData = SerializeFrom<typeof loader>;
export type RespondingOrganisation = PageData["organisations"][number];
type Input = RespondingOrganisation["inputs"][number];

/**
 * One of an organisation's two inputs (its own, or its aggregated community input): where it stands, its
 * form while it may be drafted (or when a post of it was refused), and the versions submitted.
 */
export function InputSection({
  organisation,
  input,
  questions,
  acceptsInput,
  posted,
}: {
  organisation: RespondingOrganisation;
  input: Input;
  questions: QuestionInputQuestion[];
  acceptsInput: boolean;
  /** The action's answer to this input's form, when it was the one posted. */
  posted: InputReply | undefined;
}) {
  const { t } = useTranslation();
  const formId = inputFormId(organisation.organisationId, input.aggregated);
  // An organisation that may no longer answer sees its aggregated section only when it has one.
  if (input.aggregated && !organisation.mayDraft && !posted && input.version === 0) return null;
  const headingId = `${formId}-heading`;
  const title = input.aggregated
    ? t("consultations.respond.aggregated.title")
    : t("consultations.respond.own.title", { organisation: organisation.name });
  return (
    <section
      aria-labelledby={headingId}
      className={`card stack${input.aggregated ? " respond-aggregated" : ""}`}
    >
      <h4 id={headingId} className="card__title">
        {title}
      </h4>
      {input.aggregated ? (
        <>
          <p>{t("consultations.respond.aggregated.intro")}</p>
          <p className="notice" role="note">
            {t("consultations.respond.aggregated.warning")}
          </p>
        </>
      ) : null}
      <p>
        {input.version > 0 && input.submittedAt ? (
          <>
            {t("consultations.respond.status.submitted", { version: input.version })}{" "}
            <DateText value={input.submittedAt} style="moment" />
          </>
        ) : (
          t("consultations.respond.status.draft")
        )}
      </p>
      {organisation.mayDraft || posted ? (
        <InputForm
          formId={formId}
          organisation={organisation}
          input={input}
          questions={questions}
          posted={posted}
          editable={acceptsInput && organisation.mayDraft}
        />
      ) : null}
      <InputVersions versions={input.versions} aggregated={input.aggregated} questions={questions} />
    </section>
  );
}

/** How long the form waits after the last change before it saves the draft by itself. */
const autosaveDelayMs = 1500;

function InputForm({
  formId,
  organisation,
  input,
  questions,
  posted,
  editable,
}: {
  formId: string;
  organisation: RespondingOrganisation;
  input: Input;
  questions: QuestionInputQuestion[];
  posted: InputReply | undefined;
  editable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const fetcher = useFetcher<typeof action>({ key: formId });
  const autosaved = fetcher.data && "formId" in fetcher.data ? fetcher.data : undefined;
  const schema = useMemo(() => respondFormSchema(questions, input.aggregated), [questions, input.aggregated]);
  const values: Answers = posted?.answers ?? input.answers;
  const note = posted?.aggregatedNote ?? input.aggregatedNote;
  // The answers the form opened with, kept as they were so saving sends only what this person changed.
  const [baseline] = useState(posted?.baseline ?? input.baseline);
  // Errors come from the latest answer: an autosave's or a post's.
  const [lastResult, setLastResult] = useState<SubmissionResult<string[]> | undefined>(posted?.result);
  useEffect(() => {
    if (posted?.result) setLastResult(posted.result);
  }, [posted?.result]);
  useEffect(() => {
    if (autosaved?.result) setLastResult(autosaved.result);
  }, [autosaved?.result]);
  const [form, fields] = useSchemaForm(schema, {
    id: formId,
    lastResult,
    defaultValue: { aggregatedNote: note },
  });
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);

  const scheduleSave = (element: HTMLFormElement) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const formData = new FormData(element);
      formData.set("intent", "save");
      formData.set("autosave", "1");
      fetcher.submit(formData, { method: "post" });
    }, autosaveDelayMs);
  };
  const savedAt = autosaved?.savedAt ?? null;
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: "short" });
  const submitLabel = `consultations.respond.${input.aggregated ? "aggregated." : ""}${
    input.version > 0 ? "revise" : "submit"
  }`;

  return (
    <ValidatedForm
      form={form}
      className="stack"
      onChange={editable ? (event) => scheduleSave(event.currentTarget) : undefined}
      onSubmitCapture={() => clearTimeout(timer.current)}
    >
      <ErrorList id={form.errorId} errors={form.errors} />
      <input type="hidden" name="organisationId" value={organisation.organisationId} />
      <input type="hidden" name="aggregated" value={String(input.aggregated)} />
      <input type="hidden" name="baseline" value={baseline} />
      {input.aggregated ? (
        <TextAreaField
          field={fields.aggregatedNote}
          label={t("consultations.respond.aggregated.note")}
          help={t("consultations.respond.aggregated.noteHelp", { max: aggregatedNoteLimit })}
          rows={4}
        />
      ) : null}
      {questions.map((question) => (
        <QuestionField
          key={question.id}
          formId={formId}
          question={question}
          value={values[question.id]}
          disabled={!editable && !posted}
        />
      ))}
      {editable ? (
        <div className="actions">
          <button type="submit" name="intent" value="save" className="button button--quiet" formNoValidate>
            {t("consultations.respond.saveDraft")}
          </button>
          {organisation.maySubmit ? (
            <button type="submit" name="intent" value="submit" className="button">
              {t(submitLabel, { organisation: organisation.name })}
            </button>
          ) : null}
          <p role="status" aria-live="polite" className="respond-autosave">
            {fetcher.state !== "idle"
              ? t("consultations.respond.saving")
              : savedAt
                ? t("consultations.respond.savedAt", { time: time.format(new Date(savedAt)) })
                : ""}
          </p>
        </div>
      ) : null}
      {editable && !organisation.maySubmit ? (
        <p className="field__help">
          {t("consultations.respond.leadSubmits", { organisation: organisation.name })}
        </p>
      ) : null}
    </ValidatedForm>
  );
}

/** One question of the form, subscribed to its own errors so client-side validation shows them. */
function QuestionField({
  formId,
  question,
  value,
  disabled,
}: {
  formId: string;
  question: QuestionInputQuestion;
  value: Answer | undefined;
  disabled: boolean;
}) {
  const name = `answers.${question.id}`;
  const [field] = useField<unknown>(name, { formId });
  return (
    <QuestionInput
      question={question}
      value={value}
      disabled={disabled}
      name={name}
      idPrefix={`${formId}-`}
      errors={field.errors}
    />
  );
}
