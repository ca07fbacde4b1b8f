import { useField, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { QuestionInput } from "~/components/consultations/question-input";
import { ErrorList, TextAreaField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { requireActor } from "~/modules/auth/session.server";
import { requireConsultation } from "~/modules/consultations/access.server";
import {
  aggregatedNoteLimit,
  readAnswers,
  respondFormSchema,
  respondPostSchema,
  type Answers,
} from "~/modules/consultations/answers";
import { answerTextOf, kindOf, questionOptions } from "~/modules/consultations/kinds";
import type { Answer } from "~/modules/consultations/kinds/kind";
import { ourInput, questionsToAnswer } from "~/modules/consultations/respond-queries.server";
import { hasErrors, saveDraft, type InputErrors } from "~/modules/consultations/save-draft.server";
import { submitSubmission } from "~/modules/consultations/submit-submission.server";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { attempt, readForm } from "~/utils/forms.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const consultation = await requireConsultation(actor, params.consultationId ?? "", "consultation.view");
  const [input, language] = await Promise.all([
    currentOrganisationId(request, actor).then((current) => ourInput(actor, consultation, current)),
    resolveLanguage(request, actor),
  ]);
  // Dates are written on the server, in UTC, so the page reads the same before and after hydration.
  const date = new Intl.DateTimeFormat(language, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });
  const when = (value: Date | null) =>
    value ? { text: date.format(value), iso: value.toISOString() } : null;
  return {
    ...input,
    closesAt: when(input.closesAt)!,
    organisations: input.organisations.map(({ own, aggregated, ...organisation }) => ({
      ...organisation,
      inputs: [own, aggregated].map(({ submittedAt, versions, ...rest }) => ({
        ...rest,
        submittedAt: when(submittedAt),
        versions: versions.map(({ submittedAt: at, ...version }) => ({ ...version, submittedAt: when(at)! })),
      })),
    })),
  };
}

/** Autosaves answer with data, not a redirect, and need not reload every loader of the page. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("autosave") === "1" ? false : defaultShouldRevalidate;

const formIdOf = (organisationId: string, aggregated: boolean) =>
  `input-${organisationId}-${aggregated ? "aggregated" : "own"}`;

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const consultation = await requireConsultation(actor, params.consultationId ?? "", "consultation.view");
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: respondPostSchema });
  if (submission.status !== "success") throw new Response(null, { status: 400, statusText: "Bad Request" });
  const {
    intent = "save",
    organisationId = "",
    aggregated: aggregatedFlag,
    baseline = "",
  } = submission.value;
  const aggregated = aggregatedFlag === "true";
  const questions = await questionsToAnswer(consultation.consultationId);
  const payload = submission.payload as { answers?: unknown; aggregatedNote?: unknown };
  const { answers, malformed } = readAnswers(questions, payload.answers);
  const aggregatedNote = typeof payload.aggregatedNote === "string" ? payload.aggregatedNote : "";
  const posted = { organisationId, aggregated, answers, malformed, aggregatedNote, baseline };
  const formId = formIdOf(organisationId, aggregated);
  const here = `/consultations/${consultation.consultationId}/respond`;
  // Whatever happens, the form comes back with what the person typed.
  const answer = (result: SubmissionResult<string[]>, savedAt: Date | null = null) => ({
    formId,
    result,
    answers,
    aggregatedNote,
    baseline,
    savedAt,
  });
  const reply = (errors: InputErrors, formErrors: string[]) =>
    submission.reply({
      formErrors,
      fieldErrors: {
        ...Object.fromEntries(
          Object.entries(errors.answers).map(([questionId, messages]) => [`answers.${questionId}`, messages]),
        ),
        ...(errors.aggregatedNote.length ? { aggregatedNote: errors.aggregatedNote } : {}),
      },
    });

  if (intent === "save") {
    const saved = await attempt(submission, () => saveDraft(actor, consultation, posted));
    if (!saved.ok) return answer(saved.reply);
    const { errors, savedAt } = saved.value;
    if (formData.get("autosave") === "1") return answer(reply(errors, []), savedAt);
    if (hasErrors(errors)) return answer(reply(errors, ["consultations.respond.savedWithErrors"]), savedAt);
    return redirectWithToast(here, { kind: "success", message: "consultations.respond.saved" });
  }

  const submitted = await attempt(submission, () => submitSubmission(actor, consultation, posted));
  if (!submitted.ok) return answer(submitted.reply);
  if (!submitted.value.ok)
    return answer(reply(submitted.value.errors, ["consultations.respond.errors.notSubmitted"]));
  return redirectWithToast(here, {
    kind: "success",
    message: "consultations.respond.submitted",
    values: { version: String(submitted.value.version) },
  });
}

type PageData = Awaited<ReturnType<typeof loader>>;
type Organisation = PageData["organisations"][number];
type Input = Organisation["inputs"][number];
type Question = PageData["questions"][number];
type ActionData = Exclude<Awaited<ReturnType<typeof action>>, Response>;

export default function OurInputPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  // A post refused for an organisation the page no longer lists (the consultation has closed since).
  const returned =
    actionData &&
    !data.organisations.some((organisation) =>
      actionData.formId.startsWith(`input-${organisation.organisationId}-`),
    )
      ? actionData
      : undefined;
  return (
    <div className="stack">
      <h2>{t("consultations.respond.title")}</h2>
      {data.acceptsInput ? (
        <p>{t("consultations.respond.closesOn", { date: data.closesAt.text })}</p>
      ) : data.status !== "draft" ? (
        <p className="notice">{t("consultations.respond.closedOn", { date: data.closesAt.text })}</p>
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
            />
          ))}
        </section>
      ))}
    </div>
  );
}

/** What a refused post carried, given back to the person to keep a copy (nothing here is posted again). */
function ReturnedInput({ returned, questions }: { returned: ActionData; questions: Question[] }) {
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

function InputSection({
  organisation,
  input,
  questions,
  acceptsInput,
}: {
  organisation: Organisation;
  input: Input;
  questions: Question[];
  acceptsInput: boolean;
}) {
  const { t } = useTranslation();
  const formId = formIdOf(organisation.organisationId, input.aggregated);
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const posted = actionData?.formId === formId ? actionData : undefined;
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
            <time dateTime={input.submittedAt.iso}>{input.submittedAt.text}</time>
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
      <Versions input={input} questions={questions} />
    </section>
  );
}

function InputForm({
  formId,
  organisation,
  input,
  questions,
  posted,
  editable,
}: {
  formId: string;
  organisation: Organisation;
  input: Input;
  questions: Question[];
  posted: ActionData | undefined;
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
  const [lastResult, setLastResult] = useState(posted?.result);
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
    }, 1500);
  };
  const savedAt = autosaved?.savedAt ?? null;
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: "short" });
  const submitLabel = input.aggregated
    ? input.version > 0
      ? "consultations.respond.aggregated.revise"
      : "consultations.respond.aggregated.submit"
    : input.version > 0
      ? "consultations.respond.revise"
      : "consultations.respond.submit";

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
  question: Question;
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

function Versions({ input, questions }: { input: Input; questions: Question[] }) {
  const { t } = useTranslation();
  if (input.versions.length === 0) return null;
  return (
    <details className="stack">
      <summary>{t("consultations.respond.versions.title")}</summary>
      <ol className="card-list" reversed>
        {input.versions.map((version) => (
          <li key={version.version} className="stack">
            <p>
              <strong>{t("consultations.respond.versions.version", { version: version.version })}</strong>{" "}
              <time dateTime={version.submittedAt.iso}>{version.submittedAt.text}</time> ·{" "}
              {t("consultations.respond.versions.by", { name: version.submittedBy })}
            </p>
            <dl className="details">
              {input.aggregated ? (
                <>
                  <dt>{t("consultations.respond.aggregated.note")}</dt>
                  <dd className="prewrap">{version.aggregatedNote}</dd>
                </>
              ) : null}
              {questions.map((question) => (
                <AnswerView key={question.id} question={question} answer={version.answers[question.id]} />
              ))}
            </dl>
          </li>
        ))}
      </ol>
    </details>
  );
}

/** A submitted answer read back: as its kind shows it, or as its text form. */
function AnswerView({ question, answer }: { question: Question; answer: Answer | undefined }) {
  const { t } = useTranslation();
  const { AnswerView: KindView } = kindOf(question.kind);
  return (
    <>
      <dt>{question.prompt}</dt>
      <dd>
        {answer === undefined ? (
          <em>{t("consultations.respond.versions.unanswered")}</em>
        ) : KindView ? (
          <KindView options={questionOptions(question)} answer={answer} />
        ) : (
          <span className="prewrap">{answerTextOf(question)(answer)}</span>
        )}
      </dd>
    </>
  );
}
