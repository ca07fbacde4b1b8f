import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, SelectField, TextAreaField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { InvalidCursorNotice, Pagination } from "~/components/ui/pagination";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { decideLevelRequest } from "~/modules/participation/decide-level-request.server";
import { levelHistoryOf, pendingLevelRequestsOf } from "~/modules/participation/queries.server";
import { decideLevelRequestSchema, levelRequestDecisions } from "~/modules/participation/schema";
import { actingConvener, requireSpace } from "~/modules/spaces/access.server";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { DomainError } from "~/utils/errors";
import { encodeMessage, readForm } from "~/utils/forms.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { listPageData } from "~/utils/keyset.server";
import { redirectWithToast } from "~/utils/toast.server";
import { revalidatesOn } from "~/realtime/live-revalidation";

/** A live change revalidates this page's loader only when it is one of these (app/realtime/live-revalidation.ts). */
export const shouldRevalidate = revalidatesOn(["space", "participation", "level-request"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.view-participants");
  const [history, requests, language] = await Promise.all([
    levelHistoryOf(actor, space, new URL(request.url)),
    pendingLevelRequestsOf(actor, space),
    resolveLanguage(request, actor),
  ]);
  // Dates are written on the server, in UTC, so the page reads the same before and after hydration.
  const date = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" });
  return listPageData(
    {
      pages: history.links,
      changes: history.rows.map(({ createdAt, organisation, changedBy, ...change }) => ({
        ...change,
        organisation: organisation.name,
        changedBy: changedBy.name,
        date: date.format(createdAt),
        dateTime: createdAt.toISOString(),
      })),
      requests: requests.map(({ createdAt, organisation, requestedBy, ...request }) => ({
        ...request,
        organisation: organisation.name,
        requestedBy: requestedBy.name,
        date: date.format(createdAt),
        dateTime: createdAt.toISOString(),
      })),
      mayDecide: can(actor, "space.decide-level-request", space),
    },
    history.links,
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.decide-level-request");
  const formData = await readForm(request);
  const formId = `decide-${String(formData.get("requestId"))}`;
  const submission = parseWithZod(formData, { schema: decideLevelRequestSchema });
  if (submission.status !== "success") return { formId, result: submission.reply() };
  const convenerId = actingConvener(
    actor,
    "space.decide-level-request",
    space,
    await currentOrganisationId(request, actor),
  );
  const here = `/spaces/${space.spaceId}/levels`;
  try {
    await decideLevelRequest(actor, space, convenerId, submission.value);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // A request decided meanwhile has no form left on the page to show the error: it comes as a toast.
    if (!error.field) return redirectWithToast(here, { kind: "error", message: error.messageKey });
    return {
      formId,
      result: submission.reply({ fieldErrors: { [error.field]: [encodeMessage(error)] } }),
    };
  }
  return redirectWithToast(here, {
    kind: "success",
    message: `participation.decide.done.${submission.value.decision}`,
  });
}

export default function LevelHistoryPage() {
  const { t } = useTranslation();
  const { changes, requests, mayDecide, pages } = useLoaderData<typeof loader>();
  const levelName = (level: string | null) =>
    level ? t(`spaces.levels.${level}.name`) : t("participation.history.noLevel");
  return (
    <div className="stack">
      <section aria-labelledby="requests-heading" className="stack">
        <h2 id="requests-heading">{t("participation.requests.title")}</h2>
        {requests.length === 0 ? (
          <p>{t("participation.requests.empty")}</p>
        ) : (
          <ul className="card-list">
            {requests.map((request) => (
              <li key={request.id} className="card stack">
                <h3 className="card__title">
                  {t("participation.requests.heading", {
                    organisation: request.organisation,
                    from: levelName(request.currentLevel),
                    to: levelName(request.requestedLevel),
                  })}
                </h3>
                <p>
                  {t("participation.requests.by", { name: request.requestedBy })}{" "}
                  <time dateTime={request.dateTime}>{request.date}</time>
                </p>
                <p className="prewrap">{request.reason}</p>
                {mayDecide ? <DecideForm requestId={request.id} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="history-heading" className="stack">
        <h2 id="history-heading">{t("participation.history.title")}</h2>
        <InvalidCursorNotice links={pages} />
        {changes.length === 0 ? (
          <p>{t("participation.history.empty")}</p>
        ) : (
          <ol className="card-list">
            {changes.map((change) => (
              <li key={change.id} className="card stack">
                <p className="card__title">
                  {t(`participation.history.kinds.${change.kind}`, {
                    organisation: change.organisation,
                    from: levelName(change.fromLevel),
                    to: levelName(change.toLevel),
                  })}
                </p>
                <p>
                  {t("participation.history.by", { name: change.changedBy })}{" "}
                  <time dateTime={change.dateTime}>{change.date}</time>
                </p>
                {change.rationale ? (
                  <blockquote className="prewrap">
                    <span className="visually-hidden">{t("participation.history.rationale")} </span>
                    {change.rationale}
                  </blockquote>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        <Pagination label={t("participation.pagination.history")} links={pages} kind="time" />
      </section>
    </div>
  );
}

function DecideForm({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const formId = `decide-${requestId}`;
  const data = useActionData<typeof action>() as
    Exclude<Awaited<ReturnType<typeof action>>, Response> | undefined;
  const [form, fields] = useSchemaForm(decideLevelRequestSchema, {
    id: formId,
    lastResult: data?.formId === formId ? data.result : undefined,
  });
  return (
    <ValidatedForm form={form} className="stack">
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="requestId" value={requestId} />
      <ErrorList id={form.errorId} errors={form.errors} />
      <SelectField
        field={fields.decision}
        label={t("participation.fields.decision")}
        options={levelRequestDecisions.map((decision) => ({
          value: decision,
          label: t(`participation.decide.options.${decision}`),
        }))}
      />
      <TextAreaField
        field={fields.reason}
        label={t("participation.fields.reason")}
        help={t("participation.decide.reasonHelp")}
      />
      <button type="submit" className="button button--small">
        {t("participation.decide.submit")}
      </button>
    </ValidatedForm>
  );
}
