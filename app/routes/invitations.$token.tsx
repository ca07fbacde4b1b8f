import { useForm } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, TextField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { acceptAsNewPersonSchema, invitationValidDays } from "~/modules/invitations/schema";
import type { loader, action } from "./invitations.$token.server";

export { loader, action } from "./invitations.$token.server";

export default function InvitationPage() {
  const { view } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  switch (view.state) {
    case "unknown":
      return (
        <Explanation title={t("invitations.unknown.title")} body={t("invitations.unknown.body")}>
          <Link to="/">{t("common.errors.backHome")}</Link>
        </Explanation>
      );
    case "expired":
    case "revoked":
    case "accepted":
      return (
        <Explanation
          title={t(`invitations.${view.state}.title`)}
          body={t(`invitations.${view.state}.body`, {
            organisation: view.organisationName,
            days: invitationValidDays,
          })}
        >
          {view.isMember ? (
            <Link to={`/organisations/${view.organisationId}`}>
              {t("invitations.accepted.goToOrganisation", { organisation: view.organisationName })}
            </Link>
          ) : view.signedIn ? (
            <Link to="/">{t("common.errors.backHome")}</Link>
          ) : (
            <Link to="/login">{t("common.signIn")}</Link>
          )}
        </Explanation>
      );
    case "wrongPerson":
      return (
        <Explanation
          title={t("invitations.wrongPerson.title")}
          body={t("invitations.wrongPerson.body", { invitee: view.email, current: view.signedInAs })}
        >
          <Form method="post" action="/logout">
            <button type="submit" className="button">
              {t("common.signOut")}
            </button>
          </Form>
        </Explanation>
      );
    case "register":
    case "join":
      return (
        <div className="narrow stack">
          <h1>{t("invitations.accept.title", { organisation: view.organisationName })}</h1>
          <p className="lead">
            {t("invitations.accept.intro", {
              inviter: view.inviterName,
              organisation: view.organisationName,
              role: t(`organisations.roles.${view.role}`),
            })}
          </p>
          {view.state === "register" ? <RegisterForm email={view.email} /> : <JoinForm {...view} />}
        </div>
      );
  }
}

function Explanation({ title, body, children }: { title: string; body: string; children: React.ReactNode }) {
  return (
    <div className="narrow stack">
      <h1>{title}</h1>
      <p>{body}</p>
      <p>{children}</p>
    </div>
  );
}

function RegisterForm({ email }: { email: string }) {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(acceptAsNewPersonSchema, {
    lastResult,
  });
  return (
    <ValidatedForm form={form} className="stack">
      <p>{t("invitations.accept.registerIntro", { email })}</p>
      {/* Lets password managers save the new password under the invited address. */}
      <input type="email" value={email} autoComplete="username" readOnly hidden />
      <ErrorList id={form.errorId} errors={form.errors} />
      <TextField field={fields.name} label={t("auth.fields.name")} autoComplete="name" />
      <TextField
        field={fields.password}
        label={t("auth.fields.password")}
        type="password"
        help={t("auth.passwordHelp")}
        autoComplete="new-password"
      />
      <button type="submit" className="button">
        {t("invitations.accept.register")}
      </button>
    </ValidatedForm>
  );
}

function JoinForm({ organisationName, email }: { organisationName: string; email: string }) {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form] = useForm({ lastResult });
  return (
    <ValidatedForm form={form} className="stack">
      <p>{t("invitations.accept.joinIntro", { email })}</p>
      <ErrorList id={form.errorId} errors={form.errors} />
      <p>
        <button type="submit" className="button">
          {t("invitations.accept.join", { organisation: organisationName })}
        </button>
      </p>
    </ValidatedForm>
  );
}
