import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, SelectField, TextAreaField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { InvalidCursorNotice, Pagination } from "~/components/ui/pagination";
import { decideLevelRequestSchema, levelRequestDecisions } from "~/modules/participation/schema";
import type { loader, action } from "./spaces.$spaceId.levels.server";

export { loader, action } from "./spaces.$spaceId.levels.server";

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
