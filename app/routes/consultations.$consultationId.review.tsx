import { getCollectionProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ResponseView } from "~/components/consultations/response-view";
import { AnswerList } from "~/components/consultations/answer-list";
import { ErrorList, SelectField, TextAreaField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { requireConsultation } from "~/modules/consultations/access.server";
import { mayPublish } from "~/modules/consultations/lifecycle";
import { publishFeedback } from "~/modules/consultations/publish-feedback.server";
import { respondToInputs } from "~/modules/consultations/respond-to-inputs.server";
import { inputsForReview, responseCoverage } from "~/modules/consultations/review-queries.server";
import {
  publishSchema,
  respondSchema,
  responseOutcomes,
  reviewFilterSchema,
  tagInputSchema,
} from "~/modules/consultations/review-schema";
import { tagInput } from "~/modules/consultations/tag-input.server";
import { spaceThemes } from "~/modules/spaces/schema";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { notFound } from "~/utils/errors";
import { attempt, readForm } from "~/utils/forms.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { redirectWithToast } from "~/utils/toast.server";

/** The conveners' review, once the consultation is closed (and still readable once published). */
async function requireReview(
  request: Request,
  consultationId: string,
  action: "consultation.review" | "consultation.publish-feedback" = "consultation.review",
) {
  const actor = await requireActor(request);
  const consultation = await requireConsultation(actor, consultationId, action);
  if (consultation.status !== "closed" && consultation.status !== "published") notFound();
  return { actor, consultation };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const consultationId = params.consultationId ?? "";
  const { actor, consultation } = await requireReview(request, consultationId);
  const filter = reviewFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [list, coverage, language] = await Promise.all([
    inputsForReview(consultationId, filter),
    responseCoverage(consultationId),
    resolveLanguage(request, actor),
  ]);
  // Dates are written on the server, in UTC, so the page reads the same before and after hydration.
  const date = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" });
  return {
    consultationId,
    status: consultation.status,
    editable: consultation.status === "closed",
    filter,
    coverage,
    mayPublish: mayPublish(consultation, coverage.inputs, coverage.answered),
    mayPublishFeedback: can(actor, "consultation.publish-feedback", consultation),
    page: list.page,
    pageCount: list.pageCount,
    total: list.total,
    inputs: list.inputs.map(({ submittedAt, ...input }) => ({
      ...input,
      date: submittedAt ? date.format(submittedAt) : null,
      dateTime: submittedAt?.toISOString() ?? null,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const consultationId = params.consultationId ?? "";
  const { actor, consultation } = await requireReview(request, consultationId);
  const formData = await readForm(request);
  const organisationId = await currentOrganisationId(request, actor);
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  const intent = formData.get("intent");

  if (intent === "tag") {
    const formId = `tag-${String(formData.get("submissionId"))}`;
    const submission = parseWithZod(formData, { schema: tagInputSchema });
    if (submission.status !== "success") return { formId, result: submission.reply() };
    const result = await attempt(submission, () =>
      tagInput(actor, consultation, submission.value, organisationId),
    );
    if (!result.ok) return { formId, result: result.reply };
    return redirectWithToast(back, { kind: "success", message: "consultations.review.tagged" });
  }
  if (intent === "respond") {
    const submission = parseWithZod(formData, { schema: respondSchema });
    if (submission.status !== "success") return { formId: "respond", result: submission.reply() };
    const result = await attempt(submission, () =>
      respondToInputs(actor, consultation, submission.value, organisationId),
    );
    if (!result.ok) return { formId: "respond", result: result.reply };
    return redirectWithToast(back, { kind: "success", message: "consultations.review.responded" });
  }
  if (intent === "publish") {
    await requireReview(request, consultationId, "consultation.publish-feedback");
    const submission = parseWithZod(formData, { schema: publishSchema });
    if (submission.status !== "success") return { formId: "publish", result: submission.reply() };
    const result = await attempt(submission, () => publishFeedback(actor, consultation, organisationId));
    if (!result.ok) return { formId: "publish", result: result.reply };
    return redirectWithToast(`/consultations/${consultationId}/report`, {
      kind: "success",
      message: "consultations.review.publishedToast",
    });
  }
  throw new Response(null, { status: 400, statusText: "Bad Request" });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Input = LoaderData["inputs"][number];

export default function ReviewPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { coverage, editable, mayPublishFeedback, filter, inputs, page, pageCount, consultationId } = data;
  const [respondForm, respondFields] = useSchemaForm(respondSchema, {
    id: "respond",
    lastResult: actionData?.formId === "respond" ? actionData.result : undefined,
  });
  const selection = new Map(
    getCollectionProps(respondFields.submissionIds, {
      type: "checkbox",
      options: inputs.map((input) => input.id),
    }).map(({ key, ...props }) => [props.value, props]),
  );
  const pageLink = (target: number) => `?${new URLSearchParams({ show: filter.show, page: String(target) })}`;
  return (
    <div className="stack">
      <section aria-labelledby="review-heading" className="stack">
        <h2 id="review-heading">{t("consultations.review.title")}</h2>
        <p>{t("consultations.review.lead")}</p>
        <Coverage answered={coverage.answered} inputs={coverage.inputs} />
        {data.status === "published" ? (
          <p className="notice">
            {t("consultations.review.alreadyPublished")}{" "}
            <Link to={`/consultations/${consultationId}/report`}>{t("consultations.review.seeReport")}</Link>
          </p>
        ) : null}
        {/* A response sent from a page opened before the publication is refused: say why. */}
        {editable ? null : <ErrorList errors={respondForm.errors} />}
        <Form method="get" className="concern-filter">
          <div className="field">
            <label htmlFor="review-show">{t("consultations.review.filter.label")}</label>
            <select id="review-show" name="show" defaultValue={filter.show} key={filter.show}>
              <option value="all">{t("consultations.review.filter.all")}</option>
              <option value="unanswered">{t("consultations.review.filter.unanswered")}</option>
            </select>
          </div>
          <button type="submit" className="button button--small">
            {t("consultations.review.filter.submit")}
          </button>
        </Form>
        {inputs.length === 0 ? (
          <p>
            {filter.show === "unanswered"
              ? t("consultations.review.noneUnanswered")
              : t("consultations.review.empty")}
          </p>
        ) : (
          <ol className="card-list">
            {inputs.map((input) => {
              const checkbox = selection.get(input.id);
              return (
                // Keyed by the response too: once an input gets its response, its checkbox starts unchecked
                // again, so the next response does not silently replace it.
                <li key={`${input.id}:${input.response?.id ?? ""}`} className="card stack">
                  <InputCard input={input} />
                  {editable && checkbox ? (
                    <p>
                      <label>
                        <input {...checkbox} aria-describedby={`input-${input.id}`} />{" "}
                        {input.response
                          ? t("consultations.review.selectAgain")
                          : t("consultations.review.select")}
                      </label>
                    </p>
                  ) : null}
                  <TagForm input={input} />
                </li>
              );
            })}
          </ol>
        )}
        {pageCount > 1 ? (
          <nav aria-label={t("consultations.review.pagination.label")} className="actions">
            {page > 1 ? (
              <Link to={pageLink(page - 1)} rel="prev">
                {t("consultations.review.pagination.previous")}
              </Link>
            ) : null}
            <span>{t("consultations.review.pagination.position", { page, pageCount })}</span>
            {page < pageCount ? (
              <Link to={pageLink(page + 1)} rel="next">
                {t("consultations.review.pagination.next")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
      {editable ? (
        <section aria-labelledby="respond-heading" className="card stack">
          <h2 id="respond-heading">{t("consultations.review.respond.title")}</h2>
          <p>{t("consultations.review.respond.lead")}</p>
          <ValidatedForm form={respondForm} className="stack">
            <input type="hidden" name="intent" value="respond" />
            <ErrorList id={respondForm.errorId} errors={respondForm.errors} />
            <ErrorList id={respondFields.submissionIds.errorId} errors={respondFields.submissionIds.errors} />
            <SelectField
              field={respondFields.outcome}
              label={t("consultations.review.respond.outcome")}
              options={responseOutcomes.map((outcome) => ({
                value: outcome,
                label: t(`consultations.review.outcomes.${outcome}`),
              }))}
            />
            <TextAreaField
              field={respondFields.explanation}
              label={t("consultations.review.respond.explanation")}
              help={t("consultations.review.respond.explanationHelp")}
              rows={5}
            />
            <TextAreaField
              field={respondFields.changeMade}
              label={t("consultations.review.respond.changeMade")}
              help={t("consultations.review.respond.changeMadeHelp")}
              rows={3}
            />
            <p className="actions">
              <button type="submit" className="button">
                {t("consultations.review.respond.submit")}
              </button>
            </p>
          </ValidatedForm>
        </section>
      ) : null}
      {editable && mayPublishFeedback ? <PublishForm /> : null}
    </div>
  );
}

function Coverage({ answered, inputs }: { answered: number; inputs: number }) {
  const { t } = useTranslation();
  return (
    <div className="coverage">
      <p id="coverage-label">{t("consultations.review.coverage", { count: inputs, answered })}</p>
      <progress aria-labelledby="coverage-label" max={Math.max(inputs, 1)} value={answered} />
    </div>
  );
}

function InputCard({ input }: { input: Input }) {
  const { t } = useTranslation();
  return (
    <article className="stack" aria-labelledby={`input-${input.id}`}>
      <h3 id={`input-${input.id}`} className="card__title">
        {input.isAggregated
          ? t("consultations.review.aggregatedFrom", { organisation: input.organisation.name })
          : input.organisation.name}
      </h3>
      <p className="review__meta">
        {t(`organisations.types.${input.organisation.type}`)}
        {input.date && input.dateTime ? (
          <>
            {" · "}
            {t("consultations.review.submittedOn")} <time dateTime={input.dateTime}>{input.date}</time>
          </>
        ) : null}
        {" · "}
        {t("consultations.review.version", { version: input.version })}
      </p>
      {input.themes.length > 0 ? (
        <ul className="inline-list" aria-label={t("consultations.review.themes")}>
          {input.themes.map((theme) => (
            <li key={theme} className="badge">
              {t(`spaces.themes.${theme}`)}
            </li>
          ))}
        </ul>
      ) : null}
      {input.isAggregated && input.aggregatedNote ? (
        <p className="prewrap">
          <strong>{t("consultations.review.howGathered")}</strong> {input.aggregatedNote}
        </p>
      ) : null}
      <AnswerList answers={input.answers} />
      {input.response ? (
        <div className="notice stack">
          <ResponseView response={input.response} sharedBy={input.response.sharedBy} />
        </div>
      ) : (
        <p>
          <span className="badge badge--pending">{t("consultations.review.unanswered")}</span>
        </p>
      )}
    </article>
  );
}

function TagForm({ input }: { input: Input }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const formId = `tag-${input.id}`;
  const [form, fields] = useSchemaForm(tagInputSchema, {
    id: formId,
    lastResult: actionData?.formId === formId ? actionData.result : undefined,
    defaultValue: { themes: input.themes },
  });
  return (
    <ValidatedForm form={form} className="stack" aria-labelledby={`tags-${input.id} input-${input.id}`}>
      <input type="hidden" name="intent" value="tag" />
      <input type="hidden" name="submissionId" value={input.id} />
      <ErrorList id={form.errorId} errors={form.errors} />
      <details className="disclosure">
        <summary id={`tags-${input.id}`}>{t("consultations.review.tags.title")}</summary>
        <fieldset className="fieldset theme-choices">
          <legend className="visually-hidden">{t("consultations.review.tags.title")}</legend>
          <div className="theme-choices__options">
            {getCollectionProps(fields.themes, { type: "checkbox", options: [...spaceThemes] }).map(
              ({ key, ...props }) => (
                <label key={key ?? props.value}>
                  <input {...props} /> {t(`spaces.themes.${props.value}`)}
                </label>
              ),
            )}
          </div>
          <ErrorList id={fields.themes.errorId} errors={fields.themes.errors} />
        </fieldset>
        <p className="actions">
          <button type="submit" className="button button--small">
            {t("consultations.review.tags.submit")}
          </button>
        </p>
      </details>
    </ValidatedForm>
  );
}

function PublishForm() {
  const { t } = useTranslation();
  const { mayPublish: allAnswered, coverage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form] = useSchemaForm(publishSchema, {
    id: "publish",
    lastResult: actionData?.formId === "publish" ? actionData.result : undefined,
  });
  return (
    <section aria-labelledby="publish-heading" className="card stack">
      <h2 id="publish-heading">{t("consultations.review.publish.title")}</h2>
      <p id="publish-help">
        {allAnswered
          ? t("consultations.review.publish.ready", { count: coverage.inputs })
          : t("consultations.review.publish.blocked", { count: coverage.inputs - coverage.answered })}
      </p>
      <ValidatedForm form={form} className="stack">
        <input type="hidden" name="intent" value="publish" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <p className="actions">
          <button type="submit" className="button" disabled={!allAnswered} aria-describedby="publish-help">
            {t("consultations.review.publish.submit")}
          </button>
        </p>
      </ValidatedForm>
    </section>
  );
}
