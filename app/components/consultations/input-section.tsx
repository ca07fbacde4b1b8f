import { DateText } from "~/components/ui/date";
import { useField, type SubmissionResult } from "@conform-to/react";
import type { SerializeFrom } from "@remix-run/node";
import { useFetcher, useParams } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import type React from "react";
import { useTranslation } from "react-i18next";
import { ErrorList, TextAreaField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import {
  aggregatedNoteLimit,
  draftKeys,
  inputFormId,
  noteKey,
  resolutionValue,
  respondFormSchema,
  type DraftBase,
} from "~/modules/consultations/answers";
import type { Answer } from "~/modules/consultations/kinds/kind";
import {
  findPersonalData,
  findingMessage,
  inputFindings,
  type PersonalDataFinding,
} from "~/modules/consultations/personal-data";
import { translateMessage } from "~/utils/i18n";
import { useDraftLive, type DraftEditor } from "~/realtime/use-draft-live";
import type {
  action,
  InputReply,
  loader,
  ReplyConflict,
} from "~/routes/consultations.$consultationId.respond.server";
import { useDateFormat } from "~/components/ui/date";
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
  const consultationId = useParams().consultationId ?? "";
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
          consultationId={consultationId}
        />
      ) : null}
      <InputVersions versions={input.versions} aggregated={input.aggregated} questions={questions} />
    </section>
  );
}

/** How long the form waits after the last change before it saves the draft by itself. */
const autosaveDelayMs = 1500;

type Value = Answer | string | undefined;

/** The answer key (question id, or the note key) a form control belongs to, from its name. */
function keyOfControl(target: EventTarget | null): string | null {
  const name = target && "name" in target ? String((target as { name: unknown }).name) : "";
  if (name === "aggregatedNote") return noteKey;
  return /^answers\.([^.[]+)/.exec(name)?.[1] ?? null;
}

/**
 * The form of one shared draft, co-edited (ADR 0026): it posts the base each answer was based on with every
 * save, takes colleagues' saved answers as they come (live, or after a save) into every field the person is
 * not editing, and shows an answer both changed side by side until the person chooses which to keep.
 */
function InputForm({
  formId,
  organisation,
  input,
  questions,
  posted,
  editable,
  consultationId,
}: {
  formId: string;
  organisation: RespondingOrganisation;
  input: Input;
  questions: QuestionInputQuestion[];
  posted: InputReply | undefined;
  editable: boolean;
  consultationId: string;
}) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const fetcher = useFetcher<typeof action>({ key: formId });
  const autosaved = fetcher.data && "formId" in fetcher.data ? fetcher.data : undefined;
  const schema = useMemo(() => respondFormSchema(questions, input.aggregated), [questions, input.aggregated]);
  const note = posted?.aggregatedNote ?? input.aggregatedNote;

  // What the form holds, kept in a ref so that replies and live changes build on the latest of it: the answers
  // each field was last given, the base, which fields the person has typed in since (and when), the conflicts.
  const draft = useRef({
    values: { ...(posted?.answers ?? input.answers), [noteKey]: note } as Record<string, Value>,
    base: (posted?.base ?? input.base) as DraftBase,
    mounts: {} as Record<string, number>,
    typed: new Map<string, number>(),
    sequence: 0,
    sentAt: 0,
    /** Typing up to here went with a post of the whole form (0: none waiting for its answer). */
    explicitAt: 0,
    focused: null as string | null,
    conflicts: (posted?.conflicts ?? []) as ReplyConflict[],
  });
  const [, rerender] = useState(0);
  const refresh = () => rerender((count) => count + 1);
  // Personal data in aggregated input, found as the person types (the server checks again on submit).
  const [findings, setFindings] = useState<Record<string, PersonalDataFinding[]>>(() =>
    input.aggregated ? inputFindings(questions, draft.current.values, note) : {},
  );
  const check = (element: HTMLFormElement) => {
    if (!input.aggregated) return;
    const found: Record<string, PersonalDataFinding[]> = {};
    for (const control of Array.from(element.elements)) {
      const isText =
        control instanceof HTMLTextAreaElement ||
        (control instanceof HTMLInputElement && control.type === "text");
      if (!isText || control.readOnly || control.disabled) continue;
      const key = keyOfControl(control);
      const inIt = key ? findPersonalData(control.value) : [];
      if (key && inIt.length) found[key] = [...(found[key] ?? []), ...inIt];
    }
    setFindings(found);
  };

  // Errors come from the latest answer: an autosave's or a post's.
  const [lastResult, setLastResult] = useState<SubmissionResult<string[]> | undefined>(posted?.result);
  const [form, fields] = useSchemaForm(schema, {
    id: formId,
    lastResult,
    defaultValue: { aggregatedNote: note },
  });

  /** Gives one field a value from the server: a new mount of it shows the value. */
  const adopt = (key: string, value: Value, base: [number, string]) => {
    const state = draft.current;
    state.values[key] = value;
    state.base[key] = base;
    state.typed.delete(key);
    if (key === noteKey) form.update({ name: "aggregatedNote", value: typeof value === "string" ? value : "" });
    else state.mounts[key] = (state.mounts[key] ?? 0) + 1;
  };

  /** Carries on from what a save answered: new bases for what it wrote, the colleague's answers kept, conflicts. */
  const applyReply = (reply: InputReply | SerializeFrom<InputReply>) => {
    const state = draft.current;
    for (const key of reply.written) {
      const base = reply.base[key];
      if (!base) continue;
      state.base[key] = base;
      if ((state.typed.get(key) ?? 0) <= state.sentAt) state.typed.delete(key);
    }
    for (const key of reply.adopted) {
      const base = reply.base[key];
      if (base) adopt(key, key === noteKey ? reply.aggregatedNote : reply.answers[key], base);
    }
    // Elsewhere the base moves on to what the save found (unchanged, or already stored as typed), never back.
    for (const [key, base] of Object.entries(reply.base))
      if (!reply.adopted.includes(key) && base[0] >= (state.base[key]?.[0] ?? 0)) state.base[key] = base;
    state.conflicts = reply.conflicts as ReplyConflict[];
    state.explicitAt = 0;
    refresh();
  };

  useEffect(() => {
    if (posted) {
      applyReply(posted);
      setLastResult(posted.result);
    }
    // A reply is applied once, when it arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [posted]);
  useEffect(() => {
    if (autosaved) {
      applyReply(autosaved);
      setLastResult(autosaved.result);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [autosaved]);

  // The shared draft as the page read it last (after a colleague's save, or this person's own): every field the
  // person is not editing, typing in or settling a conflict in takes the newer answer.
  useEffect(() => {
    const state = draft.current;
    let changed = false;
    // A post of the whole form that was redirected saved everything typed up to it.
    if (state.explicitAt > 0) {
      for (const [key, at] of state.typed) if (at <= state.explicitAt) state.typed.delete(key);
      state.explicitAt = 0;
      state.conflicts = [];
      changed = true;
    }
    for (const key of draftKeys(questions, input.aggregated)) {
      const fresh = input.base[key];
      // Only newer than what the form has: a read that set out before the form's own save may land after it.
      if (!fresh || fresh[0] <= (state.base[key]?.[0] ?? 0)) continue;
      const pinned =
        state.typed.has(key) ||
        state.focused === key ||
        state.conflicts.some((conflict) => conflict.key === key);
      if (pinned) continue;
      adopt(key, key === noteKey ? input.aggregatedNote : input.answers[key], fresh);
      changed = true;
    }
    if (changed) refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [input]);

  const editors = useDraftLive({
    consultationId,
    organisationId: organisation.organisationId,
    aggregated: input.aggregated,
    draftRevision: input.draftRevision,
    enabled: editable,
  });
  const focus = (key: string | null) => {
    draft.current.focused = key;
    editors.focus(key);
  };

  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);

  const send = (element: HTMLFormElement) => {
    const formData = new FormData(element);
    formData.set("intent", "save");
    formData.set("autosave", "1");
    formData.set("baseline", JSON.stringify(draft.current.base));
    draft.current.sentAt = draft.current.sequence;
    fetcher.submit(formData, { method: "post" });
  };
  const onEdit = (event: React.FormEvent<HTMLFormElement>) => {
    const key = keyOfControl(event.target);
    if (key) draft.current.typed.set(key, ++draft.current.sequence);
    check(event.currentTarget);
    if (!editable) return;
    clearTimeout(timer.current);
    const element = event.currentTarget;
    timer.current = setTimeout(() => send(element), autosaveDelayMs);
  };
  const savedAt = autosaved?.savedAt ?? null;
  const submitLabel = `consultations.respond.${input.aggregated ? "aggregated." : ""}${
    input.version > 0 ? "revise" : "submit"
  }`;
  const { values, base, mounts, conflicts } = draft.current;
  const conflictOf = (key: string) => conflicts.find((conflict) => conflict.key === key);
  const editorsOn = (key: string) => editors.others.filter((editor) => editor.questionId === key);

  return (
    <ValidatedForm
      form={form}
      className="stack"
      onChange={onEdit}
      onFocus={(event) => focus(keyOfControl(event.target))}
      onBlur={() => focus(null)}
      onSubmitCapture={(event) => {
        // Only a post of the whole form: Conform validates a field on leaving it by submitting the form with
        // its own intent, which must not cancel the autosave that is due.
        const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        if (submitter?.name !== "intent" && submitter?.name !== "resolve") return;
        clearTimeout(timer.current);
        draft.current.sentAt = draft.current.sequence;
        draft.current.explicitAt = Math.max(draft.current.sequence, 1);
      }}
    >
      <ErrorList id={form.errorId} errors={form.errors} />
      <input type="hidden" name="organisationId" value={organisation.organisationId} />
      <input type="hidden" name="aggregated" value={String(input.aggregated)} />
      <input type="hidden" name="baseline" value={JSON.stringify(base)} />
      {editable && editors.others.length > 0 ? (
        <p className="respond-editors" role="status">
          {t("consultations.respond.editors.now", {
            names: editors.others.map((editor) => editor.name).join(", "),
          })}
        </p>
      ) : null}
      {input.aggregated ? (
        <ConflictFrame conflict={conflictOf(noteKey)} format={format} editing={editorsOn(noteKey)}>
          {(conflict) => (
            <>
              <TextAreaField
                field={fields.aggregatedNote}
                label={t("consultations.respond.aggregated.note")}
                help={t("consultations.respond.aggregated.noteHelp", { max: aggregatedNoteLimit })}
                rows={4}
              />
              {conflict ? (
                <div className="field">
                  <label htmlFor={`${formId}-theirs-note`}>
                    {t("consultations.respond.conflict.theirs", { name: conflict.name })}
                  </label>
                  <textarea
                    id={`${formId}-theirs-note`}
                    dir="auto"
                    rows={4}
                    readOnly
                    value={typeof conflict.theirs === "string" ? conflict.theirs : ""}
                  />
                </div>
              ) : null}
            </>
          )}
        </ConflictFrame>
      ) : null}
      {questions.map((question) => (
        <ConflictFrame
          key={question.id}
          conflict={conflictOf(question.id)}
          format={format}
          editing={editorsOn(question.id)}
        >
          {(conflict) => (
            <>
              <QuestionField
                key={mounts[question.id] ?? 0}
                formId={formId}
                question={question}
                value={values[question.id] as Answer | undefined}
                disabled={!editable && !posted}
              />
              {conflict ? (
                <div className="respond-conflict__theirs">
                  <p className="respond-conflict__side">
                    {t("consultations.respond.conflict.theirs", { name: conflict.name })}
                  </p>
                  <QuestionInput
                    question={question}
                    value={(conflict.theirs ?? undefined) as Answer | undefined}
                    name={`theirs.${question.id}`}
                    idPrefix={`${formId}-theirs-`}
                    disabled
                  />
                </div>
              ) : null}
            </>
          )}
        </ConflictFrame>
      ))}
      {input.aggregated && editable ? (
        <PersonalDataNotice formId={formId} findings={findings} questions={questions} />
      ) : null}
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
                ? t("consultations.respond.savedAt", { time: format(savedAt, "moment") })
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

/**
 * What the personal-data check finds in aggregated input as it is typed, announced politely: each finding
 * under the answer (or the note) it is in, for the author to remove before submitting.
 */
function PersonalDataNotice({
  formId,
  findings,
  questions,
}: {
  formId: string;
  findings: Record<string, PersonalDataFinding[]>;
  questions: QuestionInputQuestion[];
}) {
  const { t } = useTranslation();
  const entries = Object.entries(findings);
  const where = (key: string) =>
    key === noteKey
      ? t("consultations.respond.aggregated.note")
      : (questions.find((question) => question.id === key)?.prompt ?? "");
  const titleId = `${formId}-personal-data`;
  return (
    <div aria-live="polite" className="respond-personal-data">
      {entries.length > 0 ? (
        <section className="notice stack" aria-labelledby={titleId}>
          <h5 id={titleId}>{t("consultations.personalData.live.title")}</h5>
          <p>{t("consultations.personalData.live.help")}</p>
          <ul>
            {entries.map(([key, found]) => (
              <li key={key}>
                <span dir="auto">{t("consultations.personalData.live.in", { where: where(key) })}</span>
                <ul>
                  {found.map((finding, index) => (
                    <li key={index} dir="auto">
                      {translateMessage(t, findingMessage(finding))}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/**
 * One answer of the form; when a colleague changed it too, both side by side — "Nadia changed this answer at
 * 6:59" — with a button for each to keep (posted with the whole form, so it works without JavaScript).
 */
function ConflictFrame({
  conflict,
  format,
  editing,
  children,
}: {
  conflict: ReplyConflict | undefined;
  format: ReturnType<typeof useDateFormat>;
  editing: DraftEditor[];
  children: (conflict: ReplyConflict | undefined) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const marker = editing.length ? (
    <p className="respond-editing">
      {t("consultations.respond.editors.here", { names: editing.map((editor) => editor.name).join(", ") })}
    </p>
  ) : null;
  const headingId = conflict ? `conflict-${conflict.key}` : undefined;
  // One tree with or without a conflict, so the field in it is never mounted again (and keeps what is typed).
  return (
    <div
      role={conflict ? "group" : undefined}
      aria-labelledby={headingId}
      className={conflict ? "respond-conflict stack" : "respond-answer"}
    >
      {conflict ? (
        <p id={headingId} className="respond-conflict__title">
          {t("consultations.respond.conflict.changed", {
            name: conflict.name,
            time: conflict.at ? format(conflict.at, "moment") : "",
          })}
        </p>
      ) : null}
      {marker}
      {conflict ? <p className="field__help">{t("consultations.respond.conflict.help")}</p> : null}
      <div className={conflict ? "respond-conflict__sides" : undefined}>{children(conflict)}</div>
      {conflict ? (
        <div className="actions">
          <button
            type="submit"
            name="resolve"
            value={resolutionValue({ key: conflict.key, choice: "mine", rev: conflict.rev })}
            className="button"
            formNoValidate
          >
            {t("consultations.respond.conflict.keepMine")}
          </button>
          <button
            type="submit"
            name="resolve"
            value={resolutionValue({ key: conflict.key, choice: "theirs", rev: conflict.rev })}
            className="button button--quiet"
            formNoValidate
          >
            {t("consultations.respond.conflict.keepTheirs", { name: conflict.name })}
          </button>
        </div>
      ) : null}
    </div>
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
