import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, SelectField, TextAreaField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { InvalidCursorNotice, Pagination } from "~/components/ui/pagination";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { levels } from "~/modules/engagement/levels";
import { changeLevel } from "~/modules/participation/change-level.server";
import { inviteOrganisation } from "~/modules/participation/invite-organisation.server";
import { leaveSpace } from "~/modules/participation/leave-space.server";
import { invitableOrganisations, participantsOf } from "~/modules/participation/queries.server";
import {
  changeLevelSchema,
  inviteOrganisationSchema,
  participantsQuerySchema,
  removeParticipantSchema,
} from "~/modules/participation/schema";
import { actingConvener, requireSpace } from "~/modules/spaces/access.server";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { attempt, readForm } from "~/utils/forms.server";
import { listPageData } from "~/utils/keyset.server";
import { redirectWithToast } from "~/utils/toast.server";
import { revalidatesOn } from "~/realtime/live-revalidation";

const statusBadges: Record<string, string> = {
  active: "badge--verified",
  invited: "badge--pending",
  declined: "badge--rejected",
  left: "",
};

/** A live change revalidates this page's loader only when it is one of these (app/realtime/live-revalidation.ts). */
export const shouldRevalidate = revalidatesOn(["space", "participation", "level-request"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.view-participants");
  const url = new URL(request.url);
  const query = participantsQuerySchema.parse(Object.fromEntries(url.searchParams));
  const mayInvite = can(actor, "space.invite-organisation", space);
  const [list, invitable] = await Promise.all([
    participantsOf(actor, space, url),
    mayInvite ? invitableOrganisations(space, query.q) : null,
  ]);
  return listPageData(
    {
      spaceId: space.spaceId,
      participants: list.participants,
      pages: list.links,
      q: query.q,
      invitable,
      mayChangeLevel: can(actor, "space.change-level", space),
    },
    list.links,
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const spaceId = params.spaceId ?? "";
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const powers = intent === "invite" ? "space.invite-organisation" : "space.change-level";
  const space = await requireSpace(actor, spaceId, powers);
  const convenerId = actingConvener(actor, powers, space, await currentOrganisationId(request, actor));
  const here = `/spaces/${space.spaceId}/participants`;

  if (intent === "invite") {
    const submission = parseWithZod(formData, { schema: inviteOrganisationSchema });
    if (submission.status !== "success") return { formId: "invite", result: submission.reply() };
    const result = await attempt(submission, () =>
      inviteOrganisation(actor, space, convenerId, submission.value),
    );
    if (!result.ok) return { formId: "invite", result: result.reply };
    return redirectWithToast(here, { kind: "success", message: "participation.invite.done" });
  }

  if (intent === "change-level") {
    const submission = parseWithZod(formData, { schema: changeLevelSchema });
    const formId = `level-${String(formData.get("organisationId"))}`;
    if (submission.status !== "success") return { formId, result: submission.reply() };
    const result = await attempt(submission, () => changeLevel(actor, space, convenerId, submission.value));
    if (!result.ok) return { formId, result: result.reply };
    return redirectWithToast(here, { kind: "success", message: "participation.changeLevel.done" });
  }

  if (intent === "remove") {
    const submission = parseWithZod(formData, { schema: removeParticipantSchema });
    const formId = `remove-${String(formData.get("organisationId"))}`;
    if (submission.status !== "success") return { formId, result: submission.reply() };
    const { organisationId, rationale } = submission.value;
    const result = await attempt(submission, () =>
      leaveSpace(actor, space, organisationId, { by: "convener", convenerId, rationale }),
    );
    if (!result.ok) return { formId, result: result.reply };
    return redirectWithToast(here, { kind: "success", message: "participation.remove.done" });
  }

  throw new Response(null, { status: 400, statusText: "Bad Request" });
}

type ActionData = Exclude<Awaited<ReturnType<typeof action>>, Response>;

/** The action's answer, when it answers the form with this id (several forms share one page). */
function useLastResult(formId: string) {
  const data = useActionData<typeof action>() as ActionData | undefined;
  return data?.formId === formId ? data.result : undefined;
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
  const lastResult = useLastResult(formId);
  const [form, fields] = useSchemaForm(changeLevelSchema, {
    id: formId,
    lastResult,
    defaultValue: { level },
  });
  return (
    <details className="disclosure" open={lastResult ? true : undefined}>
      <summary>{t("participation.changeLevel.summary", { name })}</summary>
      <ValidatedForm form={form} className="stack">
        <input type="hidden" name="intent" value="change-level" />
        <input type="hidden" name="organisationId" value={organisationId} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <SelectField
          field={fields.level}
          label={t("participation.fields.newLevel")}
          options={levels.map((candidate) => ({
            value: candidate,
            label: t(`spaces.levels.${candidate}.name`),
          }))}
        />
        <TextAreaField
          field={fields.rationale}
          label={t("participation.fields.rationale")}
          help={t("participation.changeLevel.rationaleHelp")}
        />
        <button type="submit" className="button button--small">
          {t("participation.changeLevel.submit")}
        </button>
      </ValidatedForm>
    </details>
  );
}

function RemoveForm({ organisationId, name }: { organisationId: string; name: string }) {
  const { t } = useTranslation();
  const formId = `remove-${organisationId}`;
  const lastResult = useLastResult(formId);
  const [form, fields] = useSchemaForm(removeParticipantSchema, {
    id: formId,
    lastResult,
  });
  return (
    <details className="disclosure" open={lastResult ? true : undefined}>
      <summary>{t("participation.remove.summary", { name })}</summary>
      <ValidatedForm form={form} className="stack">
        <input type="hidden" name="intent" value="remove" />
        <input type="hidden" name="organisationId" value={organisationId} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <TextAreaField
          field={fields.rationale}
          label={t("participation.fields.rationale")}
          help={t("participation.remove.rationaleHelp")}
        />
        <button type="submit" className="button button--small button--danger">
          {t("participation.remove.submit")}
        </button>
      </ValidatedForm>
    </details>
  );
}
