import { forbidden } from "~/utils/errors";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, SelectField, TextAreaField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { InvalidCursorNotice, Pagination } from "~/components/ui/pagination";
import { answerConcern } from "~/modules/concerns/answer-concern.server";
import { concernRegister, waitingConcerns } from "~/modules/concerns/queries.server";
import { raiseConcern } from "~/modules/concerns/raise-concern.server";
import {
  answerConcernSchema,
  answerStatuses,
  concernFilterSchema,
  concernStatuses,
  raiseConcernSchema,
} from "~/modules/concerns/schema";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { requireSpace } from "~/modules/spaces/access.server";
import { spaceThemes } from "~/modules/spaces/schema";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { attempt, readForm } from "~/utils/forms.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { listPageData } from "~/utils/keyset.server";
import { redirectWithToast } from "~/utils/toast.server";
import { revalidatesOn } from "~/realtime/live-revalidation";

/** A live change revalidates this page's loader only when it is one of these (app/realtime/live-revalidation.ts). */
export const shouldRevalidate = revalidatesOn(["space", "participation", "concern"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.view-concerns");
  const url = new URL(request.url);
  const filter = concernFilterSchema.parse(Object.fromEntries(url.searchParams));
  const [register, waiting, organisationId, language] = await Promise.all([
    concernRegister(space.spaceId, filter, url),
    waitingConcerns(space.spaceId),
    currentOrganisationId(request, actor),
    resolveLanguage(request, actor),
  ]);
  // Dates are written on the server, in UTC, so the page reads the same before and after hydration.
  const date = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" });
  const shown = (list: (typeof register)["waiting"]) =>
    list && {
      pages: list.links,
      concerns: list.concerns.map(
        ({ createdAt, answeredAt, organisation, raisedBy, answeredBy, ...concern }) => ({
          ...concern,
          organisation: organisation.name,
          raisedBy: raisedBy.name,
          answeredBy: answeredBy?.name ?? null,
          date: date.format(createdAt),
          dateTime: createdAt.toISOString(),
          answerDate: answeredAt ? date.format(answeredAt) : null,
          answerDateTime: answeredAt?.toISOString() ?? null,
        }),
      ),
    };
  return listPageData(
    {
      filter: { status: filter.status ?? "", theme: filter.theme ?? "" },
      waiting,
      open: shown(register.waiting),
      answered: shown(register.answered),
      mayRaise:
        organisationId !== null &&
        can(actor, "space.raise-concern", { ...space, organisationId: organisationId }),
      mayAnswer: can(actor, "space.answer-concern", space),
    },
    register.waiting?.links ?? null,
    register.answered?.links ?? null,
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const spaceId = params.spaceId ?? "";
  await requireSpace(actor, spaceId, "space.view-concerns");
  const formData = await readForm(request);
  const organisationId = await currentOrganisationId(request, actor);
  const back = `/spaces/${spaceId}/concerns`;

  if (formData.get("intent") === "answer") {
    const space = await requireSpace(actor, spaceId, "space.answer-concern");
    const formId = `answer-${String(formData.get("concernId"))}`;
    const submission = parseWithZod(formData, { schema: answerConcernSchema });
    if (submission.status !== "success") return { formId, result: submission.reply() };
    const result = await attempt(submission, () =>
      answerConcern(actor, space, { ...submission.value, preferredOrganisationId: organisationId }),
    );
    if (!result.ok) return { formId, result: result.reply };
    return redirectWithToast(back, { kind: "success", message: "concerns.answer.done" });
  }

  if (organisationId === null) forbidden();
  const space = await requireSpace(actor, spaceId, "space.raise-concern", organisationId);
  const submission = parseWithZod(formData, { schema: raiseConcernSchema });
  if (submission.status !== "success") return { formId: "raise-concern", result: submission.reply() };
  const result = await attempt(submission, () =>
    raiseConcern(actor, space, organisationId, submission.value),
  );
  if (!result.ok) return { formId: "raise-concern", result: result.reply };
  return redirectWithToast(back, { kind: "success", message: "concerns.raise.done" });
}

type ConcernList = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["open"]>;

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
  const { mayAnswer } = useLoaderData<typeof loader>();
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
                  <time dateTime={concern.dateTime}>{concern.date}</time>
                  {concern.waitingDays !== null ? (
                    <> · {t("concerns.register.waitingFor", { count: concern.waitingDays })}</>
                  ) : null}
                </p>
                <p className="prewrap">{concern.text}</p>
                {concern.answer !== null ? (
                  <div className="notice stack">
                    <p className="review__meta">
                      {t("concerns.register.answeredBy", { name: concern.answeredBy ?? "" })}{" "}
                      {concern.answerDate && concern.answerDateTime ? (
                        <time dateTime={concern.answerDateTime}>{concern.answerDate}</time>
                      ) : null}
                    </p>
                    <p className="prewrap">{concern.answer}</p>
                  </div>
                ) : null}
                {mayAnswer && (concern.status === "open" || actionData?.formId === `answer-${concern.id}`) ? (
                  <AnswerForm concernId={concern.id} />
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
        <SelectField
          field={fields.theme}
          label={t("concerns.fields.theme")}
          options={spaceThemes.map((theme) => ({ value: theme, label: t(`spaces.themes.${theme}`) }))}
        />
        <TextAreaField field={fields.text} label={t("concerns.fields.text")} rows={6} />
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
  const actionData = useActionData<typeof action>();
  const formId = `answer-${concernId}`;
  const [form, fields] = useSchemaForm(answerConcernSchema, {
    id: formId,
    lastResult: actionData?.formId === formId ? actionData.result : undefined,
  });
  return (
    <ValidatedForm form={form} className="stack" aria-label={t("concerns.answer.title")}>
      <input type="hidden" name="intent" value="answer" />
      <input type="hidden" name="concernId" value={concernId} />
      <ErrorList id={form.errorId} errors={form.errors} />
      <TextAreaField field={fields.answer} label={t("concerns.fields.answer")} rows={4} />
      <SelectField
        field={fields.status}
        label={t("concerns.fields.status")}
        options={answerStatuses.map((status) => ({ value: status, label: t(`concerns.statuses.${status}`) }))}
      />
      <p className="actions">
        <button type="submit" className="button">
          {t("concerns.answer.submit")}
        </button>
      </p>
    </ValidatedForm>
  );
}
