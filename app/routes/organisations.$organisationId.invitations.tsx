import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, SelectField, TextField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { InvalidCursorNotice, Pagination } from "~/components/ui/pagination";
import { requireActor } from "~/modules/auth/session.server";
import type { Actor } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import { createInvitation } from "~/modules/invitations/create-invitation.server";
import { invitationOf, invitationsOf, type InvitationStatus } from "~/modules/invitations/queries.server";
import { revokeInvitation } from "~/modules/invitations/revoke-invitation.server";
import {
  createInvitationSchema,
  invitationRoles,
  invitationValidDays,
  revokeInvitationSchema,
} from "~/modules/invitations/schema";
import { organisationForViewer } from "~/modules/organisations/queries.server";
import { DomainError, notFound } from "~/utils/errors";
import { attempt, readForm } from "~/utils/forms.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { listPageData } from "~/utils/keyset.server";
import { redirectWithToast } from "~/utils/toast.server";

const statusBadges: Record<InvitationStatus, string> = {
  pending: "badge--pending",
  accepted: "badge--verified",
  expired: "",
  revoked: "",
};

async function invitingOrganisation(actor: Actor, organisationId: string | undefined) {
  const organisation = await organisationForViewer(actor, organisationId ?? "");
  if (!organisation || !can(actor, "organisation.invite", organisation)) notFound();
  return organisation;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const organisation = await invitingOrganisation(actor, params.organisationId);
  const [list, language] = await Promise.all([
    invitationsOf(actor, organisation, new URL(request.url)),
    resolveLanguage(request, actor),
  ]);
  // Dates are written on the server, in UTC, so the page reads the same before and after hydration.
  const date = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" });
  if (!list) notFound();
  return listPageData(
    {
      pages: list.links,
      invitations: list.invitations.map(({ createdAt, expiresAt, acceptedAt, revokedAt, ...invitation }) => ({
        ...invitation,
        createdOn: date.format(createdAt),
        expiresOn: date.format(expiresAt),
        settledOn: acceptedAt ? date.format(acceptedAt) : revokedAt ? date.format(revokedAt) : null,
      })),
    },
    list.links,
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const organisation = await invitingOrganisation(actor, params.organisationId);
  const here = `/organisations/${organisation.id}/invitations`;
  const formData = await readForm(request);

  if (formData.get("intent") === "revoke") {
    const parsed = revokeInvitationSchema.safeParse(Object.fromEntries(formData));
    const invitation = parsed.success
      ? await invitationOf(actor, organisation, parsed.data.invitationId)
      : null;
    if (!invitation) notFound();
    try {
      await revokeInvitation(actor, invitation);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return redirectWithToast(here, {
        kind: "error",
        message: error.messageKey,
        values: { email: invitation.email },
      });
    }
    return redirectWithToast(here, {
      kind: "success",
      message: "invitations.revoke.done",
      values: { email: invitation.email },
    });
  }

  const submission = parseWithZod(formData, { schema: createInvitationSchema });
  if (submission.status !== "success") return submission.reply();
  const { email, role } = submission.value;
  const language = await resolveLanguage(request, actor);
  const result = await attempt(submission, () =>
    createInvitation(actor, { organisation, email, role, language }),
  );
  if (!result.ok) return result.reply;
  // The link goes to the invitee's mailbox only: whoever holds it learns whether the address has an
  // account. Only when the mail failed does the admin get it, to pass on.
  return redirectWithToast(
    here,
    result.value.mailed
      ? { kind: "success", message: "invitations.create.sent", values: { email } }
      : { kind: "info", message: "invitations.create.notMailed", values: { email, link: result.value.link } },
  );
}

export default function InvitationsPage() {
  const { invitations, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      {/* A new invitation remounts the form, so it starts empty again. */}
      <InviteForm key={invitations[0]?.id ?? "none"} />
      <section aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">{t("invitations.list.title")}</h2>
        <InvalidCursorNotice links={pages} />
        {invitations.length === 0 ? (
          <p>{t("invitations.list.empty")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("invitations.list.email")}</th>
                  <th scope="col">{t("invitations.list.role")}</th>
                  <th scope="col">{t("invitations.list.status")}</th>
                  <th scope="col">{t("invitations.list.invited")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("invitations.list.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {invitations.map((invitation) => (
                  <tr key={invitation.id}>
                    <td>{invitation.email}</td>
                    <td>{t(`organisations.roles.${invitation.role}`)}</td>
                    <td>
                      <span className={`badge ${statusBadges[invitation.status]}`}>
                        {t(`invitations.status.${invitation.status}`)}
                      </span>{" "}
                      {invitation.status === "pending" || invitation.status === "expired"
                        ? t("invitations.list.expiresOn", { date: invitation.expiresOn })
                        : t("invitations.list.settledOn", { date: invitation.settledOn })}
                    </td>
                    <td>
                      {t("invitations.list.invitedBy", {
                        name: invitation.invitedByName,
                        date: invitation.createdOn,
                      })}
                    </td>
                    <td>
                      {invitation.status === "pending" ? (
                        <Form method="post">
                          <input type="hidden" name="invitationId" value={invitation.id} />
                          <button
                            type="submit"
                            name="intent"
                            value="revoke"
                            className="button button--small button--danger"
                            aria-label={t("invitations.revoke.label", { email: invitation.email })}
                          >
                            {t("invitations.revoke.submit")}
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination label={t("invitations.list.pagination")} links={pages} kind="time" />
      </section>
    </div>
  );
}

function InviteForm() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(createInvitationSchema, {
    lastResult,
    defaultValue: { role: "member" },
  });
  return (
    <section aria-labelledby="invite-heading" className="narrow">
      <h2 id="invite-heading">{t("invitations.create.title")}</h2>
      <p>{t("invitations.create.lead", { days: invitationValidDays })}</p>
      <ValidatedForm form={form} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <TextField
          field={fields.email}
          label={t("invitations.fields.email")}
          type="email"
          autoComplete="off"
        />
        <SelectField
          field={fields.role}
          label={t("invitations.fields.role")}
          help={t("invitations.help.role")}
          options={invitationRoles.map((role) => ({ value: role, label: t(`organisations.roles.${role}`) }))}
        />
        <button type="submit" className="button">
          {t("invitations.create.submit")}
        </button>
      </ValidatedForm>
    </section>
  );
}
