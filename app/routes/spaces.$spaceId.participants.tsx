import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, SelectField, TextAreaField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { DecisionForm } from "~/components/ui/decision-form";
import { InvalidCursorNotice, Pagination } from "~/components/ui/pagination";
import { useFormReply } from "~/utils/form-reply";
import { levels } from "~/modules/engagement/levels";
import {
  changeLevelSchema,
  inviteOrganisationSchema,
  removeParticipantSchema,
} from "~/modules/participation/schema";
import type { loader, action } from "./spaces.$spaceId.participants.server";
import { revalidatesOn } from "~/realtime/live-revalidation";

export { loader, action } from "./spaces.$spaceId.participants.server";

/** A live change revalidates this page's loader only when it is one of these (app/realtime/live-revalidation.ts). */
export const shouldRevalidate = revalidatesOn(["space", "participation", "level-request"]);

const statusBadges: Record<string, string> = {
  active: "badge--verified",
  invited: "badge--pending",
  declined: "badge--rejected",
  left: "",
};

/** The action's answer, when it answers the form with this id (several forms share one page). */
function useLastResult(formId: string) {
  return useFormReply<typeof action>(formId)?.result;
}

export default function ParticipantsPage() {
  const { t } = useTranslation();
  const { participants, pages, q, invitable, mayChangeLevel } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      {invitable ? <InviteSection invitable={invitable} q={q} /> : null}
      <section aria-labelledby="participants-heading" className="stack">
        <h2 id="participants-heading">{t("participation.participants.title")}</h2>
        <InvalidCursorNotice links={pages} />
        {participants.length === 0 ? (
          <p>{t("participation.participants.empty")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("participation.participants.organisation")}</th>
                  <th scope="col">{t("participation.participants.type")}</th>
                  <th scope="col">{t("participation.participants.level")}</th>
                  <th scope="col">{t("participation.participants.status")}</th>
                  <th scope="col">{t("participation.participants.lead")}</th>
                  {mayChangeLevel ? (
                    <th scope="col">
                      <span className="visually-hidden">{t("participation.participants.actions")}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {participants.map((participant) => (
                  <tr key={participant.organisationId}>
                    <th scope="row">
                      <Link to={`/organisations/${participant.organisationId}`}>{participant.name}</Link>
                    </th>
                    <td>{t(`organisations.types.${participant.type}`)}</td>
                    <td>
                      {participant.role === "convener"
                        ? t("participation.participants.convener")
                        : t(`spaces.levels.${participant.level}.name`)}
                    </td>
                    <td>
                      <span className={`badge ${statusBadges[participant.status] ?? ""}`}>
                        {t(`participation.status.${participant.status}`)}
                      </span>
                    </td>
                    <td>{participant.leadDelegate ?? t("participation.participants.noLead")}</td>
                    {mayChangeLevel ? (
                      <td>
                        {participant.role === "participant" &&
                        (participant.status === "active" || participant.status === "invited") ? (
                          <div className="stack">
                            <ChangeLevelForm
                              organisationId={participant.organisationId}
                              name={participant.name}
                              level={participant.level ?? ""}
                            />
                            <RemoveForm organisationId={participant.organisationId} name={participant.name} />
                          </div>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination label={t("participation.pagination.participants")} links={pages} />
      </section>
    </div>
  );
}

function InviteSection({
  invitable,
  q,
}: {
  invitable: { organisations: { id: string; name: string; type: string }[]; more: boolean };
  q: string;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="invite-heading" className="narrow stack">
      <h2 id="invite-heading">{t("participation.invite.title")}</h2>
      {invitable.more || q ? (
        <Form method="get" className="actions" role="search">
          <label htmlFor="invite-search">{t("participation.invite.search")}</label>
          <input id="invite-search" type="search" name="q" defaultValue={q} maxLength={120} />
          <button type="submit" className="button button--quiet">
            {t("participation.invite.searchSubmit")}
          </button>
        </Form>
      ) : null}
      {invitable.more ? <p className="field__help">{t("participation.invite.more")}</p> : null}
      {invitable.organisations.length === 0 ? (
        <p>{t("participation.invite.none")}</p>
      ) : (
        <InviteForm organisations={invitable.organisations} />
      )}
    </section>
  );
}

function InviteForm({ organisations }: { organisations: { id: string; name: string; type: string }[] }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(inviteOrganisationSchema, {
    id: "invite",
    lastResult: useLastResult("invite"),
    defaultValue: { level: "INFORM" },
  });
  return (
    <ValidatedForm form={form} className="stack">
      <input type="hidden" name="intent" value="invite" />
      <ErrorList id={form.errorId} errors={form.errors} />
      <SelectField
        field={fields.organisationId}
        label={t("participation.fields.organisation")}
        options={organisations.map((organisation) => ({
          value: organisation.id,
          label: t("participation.invite.option", {
            name: organisation.name,
            type: t(`organisations.types.${organisation.type}`),
          }),
        }))}
      />
      <SelectField
        field={fields.level}
        label={t("participation.fields.level")}
        options={levels.map((level) => ({ value: level, label: t(`spaces.levels.${level}.name`) }))}
      />
      <TextAreaField
        field={fields.message}
        label={t("participation.fields.message")}
        help={t("participation.invite.messageHelp")}
      />
      <button type="submit" className="button">
        {t("participation.invite.submit")}
      </button>
    </ValidatedForm>
  );
}

function ChangeLevelForm({
  organisationId,
  name,
  level,
}: {
  organisationId: string;
  name: string;
  level: string;
}) {
  const { t } = useTranslation();
  const formId = `level-${organisationId}`;
  return (
    <DecisionForm
      schema={changeLevelSchema}
      id={formId}
      lastResult={useLastResult(formId)}
      defaultValue={{ level }}
      summary={t("participation.changeLevel.summary", { name })}
      hidden={{ intent: "change-level", organisationId }}
      choice={{
        name: "level",
        label: t("participation.fields.newLevel"),
        options: levels.map((candidate) => ({
          value: candidate,
          label: t(`spaces.levels.${candidate}.name`),
        })),
      }}
      reason={{
        name: "rationale",
        label: t("participation.fields.rationale"),
        help: t("participation.changeLevel.rationaleHelp"),
      }}
      submit={{ label: t("participation.changeLevel.submit") }}
      size="small"
    />
  );
}

function RemoveForm({ organisationId, name }: { organisationId: string; name: string }) {
  const { t } = useTranslation();
  const formId = `remove-${organisationId}`;
  return (
    <DecisionForm
      schema={removeParticipantSchema}
      id={formId}
      lastResult={useLastResult(formId)}
      summary={t("participation.remove.summary", { name })}
      hidden={{ intent: "remove", organisationId }}
      reason={{
        name: "rationale",
        label: t("participation.fields.rationale"),
        help: t("participation.remove.rationaleHelp"),
      }}
      submit={{ label: t("participation.remove.submit") }}
      size="small"
      tone="danger"
    />
  );
}
