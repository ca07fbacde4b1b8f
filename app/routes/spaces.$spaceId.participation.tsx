import { getCollectionProps, useField, useForm, type FieldMetadata } from "@conform-to/react";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, SelectField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { DecisionForm } from "~/components/ui/decision-form";
import { higherLevels, isLevel } from "~/modules/engagement/levels";
import { useFormReply } from "~/utils/form-reply";
import { invitationResponses, nameDelegatesSchema, requestLevelSchema } from "~/modules/participation/schema";
import type { loader, action } from "./spaces.$spaceId.participation.server";

export { loader, action } from "./spaces.$spaceId.participation.server";

type Standing = Awaited<ReturnType<typeof loader>>["organisations"][number];

/** The action's answer, when it answers the form with this id (several forms share one page). */
function useLastResult(formId: string) {
  return useFormReply<typeof action>(formId)?.result;
}

export default function OurParticipationPage() {
  const { t } = useTranslation();
  const { organisations } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h2>{t("participation.our.title")}</h2>
      {organisations.length === 0 ? <p>{t("participation.our.empty")}</p> : null}
      {organisations.map((standing) => (
        <section
          key={standing.organisationId}
          aria-labelledby={`standing-${standing.organisationId}`}
          className="card stack"
        >
          <h3 id={`standing-${standing.organisationId}`} className="card__title">
            {standing.name}
          </h3>
          {standing.role === "convener" ? (
            <p>{t("participation.our.convener")}</p>
          ) : (
            <LevelSummary standing={standing} />
          )}
          {standing.invitation ? <Invitation standing={standing} /> : null}
          <Delegates standing={standing} />
          {standing.may.nameDelegates && standing.members.length > 0 ? (
            <DelegatesForm standing={standing} />
          ) : null}
          {standing.pendingRequest ? (
            <p className="notice">
              {t("participation.request.pending", {
                level: t(`spaces.levels.${standing.pendingRequest.requestedLevel}.name`),
              })}
            </p>
          ) : standing.may.requestLevel &&
            isLevel(standing.level) &&
            higherLevels(standing.level).length > 0 ? (
            <RequestLevelForm standing={standing} />
          ) : null}
          {standing.may.leave ? <LeaveForm standing={standing} /> : null}
        </section>
      ))}
    </div>
  );
}

function LevelSummary({ standing }: { standing: Standing }) {
  const { t } = useTranslation();
  if (!standing.level) return null;
  return (
    <div className="stack">
      <p>
        {t(standing.status === "invited" ? "participation.our.invitedAt" : "participation.our.currentLevel", {
          level: t(`spaces.levels.${standing.level}.name`),
        })}
      </p>
      <p>{t(`spaces.levels.${standing.level}.definition`)}</p>
      {standing.promise ? (
        <dl className="details">
          <dt>{t("participation.our.promise.expectation")}</dt>
          <dd className="prewrap">{standing.promise.expectation}</dd>
          <dt>{t("participation.our.promise.decisionMaker")}</dt>
          <dd>{standing.promise.decisionMaker}</dd>
          <dt>{t("participation.our.promise.feedback")}</dt>
          <dd>{t("participation.our.promise.feedbackDays", { count: standing.promise.feedbackDays })}</dd>
        </dl>
      ) : (
        <p>{t("participation.our.promise.none")}</p>
      )}
    </div>
  );
}

function Invitation({ standing }: { standing: Standing }) {
  const { t } = useTranslation();
  const formId = `respond-${standing.organisationId}`;
  const [form] = useForm({ id: formId, lastResult: useLastResult(formId) });
  const invitation = standing.invitation;
  if (!invitation) return null;
  return (
    <div className="stack">
      <p>{t("participation.respond.invitedBy", { name: invitation.invitedBy })}</p>
      {invitation.message ? <blockquote className="prewrap">{invitation.message}</blockquote> : null}
      {standing.may.respond ? (
        <ValidatedForm form={form} className="actions">
          <ErrorList id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="respond" />
          <input type="hidden" name="organisationId" value={standing.organisationId} />
          {invitationResponses.map((response) => (
            <button
              key={response}
              type="submit"
              name="response"
              value={response}
              className={response === "accept" ? "button" : "button button--quiet"}
            >
              {t(`participation.respond.${response}`)}
            </button>
          ))}
        </ValidatedForm>
      ) : null}
    </div>
  );
}

function Delegates({ standing }: { standing: Standing }) {
  const { t } = useTranslation();
  if (standing.delegates.length === 0) return <p>{t("participation.delegates.none")}</p>;
  return (
    <div>
      <h4>{t("participation.delegates.title")}</h4>
      <ul>
        {standing.delegates.map((delegate) => (
          <li key={delegate.personId}>
            {delegate.isLead ? t("participation.delegates.lead", { name: delegate.name }) : delegate.name}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Checkboxes for a list field, subscribed to their own state so client-side errors show. */
function CheckboxGroup({
  field: passed,
  legend,
  help,
  options,
}: {
  field: FieldMetadata<string[] | undefined>;
  legend: string;
  help: string;
  options: { value: string; label: string }[];
}) {
  const [field] = useField<string[] | undefined>(passed.name, { formId: passed.formId });
  return (
    <fieldset className="fieldset" aria-describedby={`${field.id}-help`}>
      <legend>{legend}</legend>
      <p id={`${field.id}-help`} className="field__help">
        {help}
      </p>
      {getCollectionProps(field, { type: "checkbox", options: options.map((option) => option.value) }).map(
        ({ key, ...props }) => (
          <div key={key}>
            <input {...props} />{" "}
            <label htmlFor={props.id}>{options.find((option) => option.value === props.value)?.label}</label>
          </div>
        ),
      )}
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

function DelegatesForm({ standing }: { standing: Standing }) {
  const { t } = useTranslation();
  const formId = `delegates-${standing.organisationId}`;
  const lastResult = useLastResult(formId);
  const [form, fields] = useSchemaForm(nameDelegatesSchema, {
    id: formId,
    lastResult,
    defaultValue: {
      delegates: standing.delegates.map((delegate) => delegate.personId),
      lead: standing.delegates.find((delegate) => delegate.isLead)?.personId ?? "",
    },
  });
  const members = standing.members.map((member) => ({ value: member.personId, label: member.name }));
  return (
    <details className="disclosure" open={lastResult ? true : undefined}>
      <summary>{t("participation.delegates.edit")}</summary>
      <ValidatedForm form={form} className="stack">
        <input type="hidden" name="intent" value="delegates" />
        <input type="hidden" name="organisationId" value={standing.organisationId} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <CheckboxGroup
          field={fields.delegates}
          legend={t("participation.fields.delegates")}
          help={t("participation.delegates.help")}
          options={members}
        />
        <SelectField field={fields.lead} label={t("participation.fields.lead")} options={members} />
        <button type="submit" className="button button--small">
          {t("participation.delegates.submit")}
        </button>
      </ValidatedForm>
    </details>
  );
}

function RequestLevelForm({ standing }: { standing: Standing }) {
  const { t } = useTranslation();
  const formId = `request-level-${standing.organisationId}`;
  const lastResult = useLastResult(formId);
  if (!isLevel(standing.level)) return null;
  return (
    <DecisionForm
      schema={requestLevelSchema}
      id={formId}
      lastResult={lastResult}
      summary={t("participation.request.title")}
      hidden={{ intent: "request-level", organisationId: standing.organisationId }}
      choice={{
        name: "level",
        label: t("participation.fields.requestedLevel"),
        options: higherLevels(standing.level).map((level) => ({
          value: level,
          label: t(`spaces.levels.${level}.name`),
        })),
      }}
      reason={{
        name: "reason",
        label: t("participation.fields.reason"),
        help: t("participation.request.reasonHelp"),
      }}
      submit={{ label: t("participation.request.submit") }}
      size="small"
    />
  );
}

function LeaveForm({ standing }: { standing: Standing }) {
  const { t } = useTranslation();
  const formId = `leave-${standing.organisationId}`;
  const lastResult = useLastResult(formId);
  const [form] = useForm({ id: formId, lastResult });
  return (
    <details className="disclosure" open={lastResult ? true : undefined}>
      <summary>{t("participation.leave.title")}</summary>
      <p>{t("participation.leave.warning", { name: standing.name })}</p>
      <ValidatedForm form={form}>
        <ErrorList id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="leave" />
        <input type="hidden" name="organisationId" value={standing.organisationId} />
        <button type="submit" className="button button--small button--danger">
          {t("participation.leave.submit")}
        </button>
      </ValidatedForm>
    </details>
  );
}
