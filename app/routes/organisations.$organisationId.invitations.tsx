import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, SelectField, TextField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { InvalidCursorNotice, Pagination } from "~/components/ui/pagination";
import type { InvitationStatus } from "~/modules/invitations/queries.server";
import { createInvitationSchema, invitationRoles, invitationValidDays } from "~/modules/invitations/schema";
import { useDateFormat } from "~/components/ui/date";
import type { loader, action } from "./organisations.$organisationId.invitations.server";

export { loader, action } from "./organisations.$organisationId.invitations.server";

const statusBadges: Record<InvitationStatus, string> = {
  pending: "badge--pending",
  accepted: "badge--verified",
  expired: "",
  revoked: "",
};

export default function InvitationsPage() {
  const { invitations, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const formatDate = useDateFormat();
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
                        ? t("invitations.list.expiresOn", { date: formatDate(invitation.expiresAt) })
                        : t("invitations.list.settledOn", {
                            date: invitation.settledAt ? formatDate(invitation.settledAt) : "",
                          })}
                    </td>
                    <td>
                      {t("invitations.list.invitedBy", {
                        name: invitation.invitedByName,
                        date: formatDate(invitation.createdAt),
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
