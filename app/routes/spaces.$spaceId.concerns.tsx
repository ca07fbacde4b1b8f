import type { FieldMetadata } from "@conform-to/react";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, SelectField, TextAreaField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { DateText } from "~/components/ui/date";
import { DecisionForm } from "~/components/ui/decision-form";
import { InvalidCursorNotice, Pagination } from "~/components/ui/pagination";
import {
  answerConcernSchema,
  answerStatuses,
  concernStatuses,
  editConcernSchema,
  markDuplicateSchema,
  raiseConcernSchema,
} from "~/modules/concerns/schema";
import { spaceThemes } from "~/modules/spaces/schema";
import { useFormReply } from "~/utils/form-reply";
import type { loader, action } from "./spaces.$spaceId.concerns.server";
import { revalidatesOn } from "~/realtime/live-revalidation";

export { loader, action } from "./spaces.$spaceId.concerns.server";

/** A live change revalidates this page's loader only when it is one of these (app/realtime/live-revalidation.ts). */
export const shouldRevalidate = revalidatesOn(["space", "participation", "concern"]);

type ConcernList = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["open"]>;
type ConcernItem = ConcernList["concerns"][number];

export default function ConcernRegisterPage() {
  const { t } = useTranslation();
  const { open, answered, waiting, filter, mayRaise } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <section aria-labelledby="concerns-heading" className="stack">
        <h2 id="concerns-heading">{t("concerns.register.title")}</h2>
        <p className="lead">
          {waiting.count === 0
            ? t("concerns.register.noneWaiting")
            : `${t("concerns.register.waiting", { count: waiting.count })} ${t("concerns.register.oldest", { count: waiting.oldestDays ?? 0 })}`}
        </p>
        <Form method="get" className="concern-filter">
          <div className="field">
            <label htmlFor="concern-status">{t("concerns.filter.status")}</label>
            <select id="concern-status" name="status" defaultValue={filter.status} key={filter.status}>
              <option value="">{t("concerns.filter.anyStatus")}</option>
              {concernStatuses.map((status) => (
                <option key={status} value={status}>
                  {t(`concerns.statuses.${status}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="concern-theme">{t("concerns.filter.theme")}</label>
            <select id="concern-theme" name="theme" defaultValue={filter.theme} key={filter.theme}>
              <option value="">{t("concerns.filter.anyTheme")}</option>
              {spaceThemes.map((theme) => (
                <option key={theme} value={theme}>
                  {t(`spaces.themes.${theme}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--small">
            {t("concerns.filter.submit")}
          </button>
        </Form>
        {open ? <ConcernSection list={open} part="open" /> : null}
        {answered ? <ConcernSection list={answered} part="answered" /> : null}
      </section>
      {mayRaise ? <RaiseForm /> : null}
    </div>
  );
}

/** One of the register's two lists, with its own pages. */
function ConcernSection({ list, part }: { list: ConcernList; part: "open" | "answered" }) {
  const { t } = useTranslation();
  const { mayAnswer, mayMarkDuplicate } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section aria-labelledby={`concerns-${part}-heading`} className="stack">
      <h3 id={`concerns-${part}-heading`}>{t(`concerns.register.parts.${part}`)}</h3>
      <InvalidCursorNotice links={list.pages} />
      {list.concerns.length === 0 ? (
        <p>{t("concerns.register.empty")}</p>
      ) : (
        <ol className="card-list">
          {list.concerns.map((concern) => (
            <li key={concern.id} className="card stack">
              <article className="stack" aria-labelledby={`concern-${concern.id}`}>
                <p>
                  <span className={concern.status === "open" ? "badge badge--pending" : "badge"}>
                    {t(`concerns.statuses.${concern.status}`)}
                  </span>{" "}
                  <span className="badge">{t(`spaces.themes.${concern.theme}`)}</span>
                </p>
                <h4 id={`concern-${concern.id}`} className="card__title">
                  {t("concerns.register.raisedBy", {
                    organisation: concern.organisation,
                    name: concern.raisedBy,
                  })}
                </h4>
                <p className="review__meta">
                  <DateText value={concern.createdAt} />
                  {concern.waitingDays !== null ? (
                    <> · {t("concerns.register.waitingFor", { count: concern.waitingDays })}</>
                  ) : null}
                </p>
                <p className="prewrap" dir="auto">
                  {concern.text}
                </p>
                {concern.duplicateOf ? (
                  <p>
                    <a href={`#concern-${concern.duplicateOf.id}`}>
                      {t("concerns.duplicate.of", { organisation: concern.duplicateOf.organisation })}
                    </a>{" "}
                    (<DateText value={concern.duplicateOf.createdAt} />)
                  </p>
                ) : null}
                {concern.mayAmend || actionData?.formId === `edit-${concern.id}` ? (
                  <AmendForms concern={concern} />
                ) : null}
                {concern.answer !== null ? (
                  <div className="notice stack">
                    <p className="review__meta">
                      {t("concerns.register.answeredBy", { name: concern.answeredBy ?? "" })}{" "}
                      {concern.answeredAt ? <DateText value={concern.answeredAt} /> : null}
                    </p>
                    <p className="prewrap" dir="auto">
                      {concern.answer}
                    </p>
                  </div>
                ) : null}
                {mayAnswer && (concern.status === "open" || actionData?.formId === `answer-${concern.id}`) ? (
                  <AnswerForm concernId={concern.id} />
                ) : null}
                {mayMarkDuplicate &&
                (concern.status === "open" || actionData?.formId === `duplicate-${concern.id}`) ? (
                  <DuplicateForm concernId={concern.id} />
                ) : null}
              </article>
            </li>
          ))}
        </ol>
      )}
      <Pagination
        label={t(`concerns.pagination.${part}`)}
        links={list.pages}
        kind={part === "open" ? "sequence" : "time"}
      />
    </section>
  );
}

/** A concern's theme and words, as it is raised and as its organisation edits it. */
function ConcernFields({
  theme,
  text,
}: {
  theme: FieldMetadata<string | undefined>;
  text: FieldMetadata<string | undefined>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        field={theme}
        label={t("concerns.fields.theme")}
        options={spaceThemes.map((value) => ({ value, label: t(`spaces.themes.${value}`) }))}
      />
      <TextAreaField field={text} label={t("concerns.fields.text")} rows={6} />
    </>
  );
}

function RaiseForm() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(raiseConcernSchema, {
    id: "raise-concern",
    lastResult: actionData?.formId === "raise-concern" ? actionData.result : undefined,
  });
  return (
    <section aria-labelledby="raise-heading" className="card stack">
      <h2 id="raise-heading">{t("concerns.raise.title")}</h2>
      <p>{t("concerns.raise.lead")}</p>
      <ValidatedForm form={form} className="stack">
        <input type="hidden" name="intent" value="raise" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <ConcernFields theme={fields.theme} text={fields.text} />
        <p className="actions">
          <button type="submit" className="button">
            {t("concerns.raise.submit")}
          </button>
        </p>
      </ValidatedForm>
    </section>
  );
}

function AnswerForm({ concernId }: { concernId: string }) {
  const { t } = useTranslation();
  const formId = `answer-${concernId}`;
  return (
    <DecisionForm
      schema={answerConcernSchema}
      id={formId}
      lastResult={useFormReply<typeof action>(formId)?.result}
      label={t("concerns.answer.title")}
      hidden={{ intent: "answer", concernId }}
      choice={{
        name: "status",
        label: t("concerns.fields.status"),
        options: answerStatuses.map((status) => ({ value: status, label: t(`concerns.statuses.${status}`) })),
      }}
      reason={{ name: "answer", label: t("concerns.fields.answer"), rows: 4 }}
      submit={{ label: t("concerns.answer.submit") }}
    />
  );
}

/** Its organisation changes the concern's words or theme, or withdraws it, while it waits for an answer. */
function AmendForms({ concern }: { concern: ConcernItem }) {
  const { t } = useTranslation();
  const formId = `edit-${concern.id}`;
  const lastResult = useFormReply<typeof action>(formId)?.result;
  const [form, fields] = useSchemaForm(editConcernSchema, {
    id: formId,
    lastResult,
    defaultValue: { text: concern.text, theme: concern.theme },
  });
  return (
    <div className="stack">
      <details open={lastResult ? true : undefined}>
        <summary>{t("concerns.edit.title")}</summary>
        <ValidatedForm form={form} className="stack">
          <input type="hidden" name="intent" value="edit" />
          <input type="hidden" name="concernId" value={concern.id} />
          <ErrorList id={form.errorId} errors={form.errors} />
          <ConcernFields theme={fields.theme} text={fields.text} />
          <p className="actions">
            <button type="submit" className="button">
              {t("concerns.edit.submit")}
            </button>
          </p>
        </ValidatedForm>
      </details>
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="withdraw" />
        <input type="hidden" name="concernId" value={concern.id} />
        <button type="submit" className="button button--quiet">
          {t("concerns.withdraw.submit")}
        </button>
      </Form>
    </div>
  );
}

/**
 * A convener closes an open concern as a duplicate of another of the concerns listed on the page (neither
 * withdrawn nor a duplicate itself): the filters narrow the register to find the original.
 */
function DuplicateForm({ concernId }: { concernId: string }) {
  const { t } = useTranslation();
  const { open, answered } = useLoaderData<typeof loader>();
  const duplicateCandidates = [...(open?.concerns ?? []), ...(answered?.concerns ?? [])]
    .filter((concern) => concern.status !== "withdrawn" && concern.status !== "duplicate")
    .map((concern) => ({
      id: concern.id,
      organisation: concern.organisation,
      excerpt: concern.text.length > 80 ? `${concern.text.slice(0, 80)}…` : concern.text,
    }));
  const formId = `duplicate-${concernId}`;
  const [form, fields] = useSchemaForm(markDuplicateSchema, {
    id: formId,
    lastResult: useFormReply<typeof action>(formId)?.result,
  });
  const options = duplicateCandidates
    .filter((candidate) => candidate.id !== concernId)
    .map((candidate) => ({
      value: candidate.id,
      label: t("concerns.duplicate.option", {
        organisation: candidate.organisation,
        excerpt: candidate.excerpt,
      }),
    }));
  if (options.length === 0) return null;
  return (
    <details>
      <summary>{t("concerns.duplicate.title")}</summary>
      <ValidatedForm form={form} className="stack">
        <input type="hidden" name="intent" value="duplicate" />
        <input type="hidden" name="concernId" value={concernId} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <SelectField
          field={fields.duplicateOfId}
          label={t("concerns.fields.duplicateOf")}
          options={options}
        />
        <p className="actions">
          <button type="submit" className="button">
            {t("concerns.duplicate.submit")}
          </button>
        </p>
      </ValidatedForm>
    </details>
  );
}
