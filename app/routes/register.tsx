import { useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ErrorList, SelectField, TextAreaField, TextField, ValidatedForm } from "~/components/ui/form";
import { confirmEmailPath, getActor } from "~/modules/auth/session.server";
import { countryOptions, governanceLevels, organisationTypes } from "~/modules/organisations/schema";
import {
  registerOrganisation,
  registerOrganisationWithAccount,
} from "~/modules/registration/register-organisation.server";
import { organisationRegistrationSchema, visitorRegistrationSchema } from "~/modules/registration/schema";
import { currentOrganisationCookie } from "~/utils/current-organisation.server";
import { attempt, readForm } from "~/utils/forms.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { clientOf } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  return {
    viewer: actor && { name: actor.name, email: actor.email },
    countries: countryOptions(await resolveLanguage(request, actor)),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await getActor(request);
  const formData = await readForm(request);
  if (actor) {
    const submission = parseWithZod(formData, { schema: organisationRegistrationSchema });
    if (submission.status !== "success") return submission.reply();
    const result = await attempt(submission, () => registerOrganisation(actor, submission.value));
    if (!result.ok) return result.reply;
    throw await registered(result.value);
  }
  const submission = parseWithZod(formData, { schema: visitorRegistrationSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const { accountName, accountEmail, password, ...organisation } = submission.value;
  const account = { name: accountName, email: accountEmail, password };
  const language = await resolveLanguage(request, null);
  const result = await attempt(
    submission,
    () => registerOrganisationWithAccount(organisation, account, clientOf(request, context), language),
    { hideFields: ["password"] },
  );
  if (!result.ok) return result.reply;
  // The same answer whether the address was new or had an account (ADR 0012): nobody is signed in.
  throw await redirectWithToast(confirmEmailPath, {
    kind: "info",
    message: "registration.checkMail",
    values: { email: account.email },
  });
}

/** To the new organisation's page, acting for it, with the news that it awaits verification. */
async function registered({ organisationId, name }: { organisationId: string; name: string }) {
  const headers = new Headers();
  headers.append("Set-Cookie", await currentOrganisationCookie.serialize(organisationId));
  return redirectWithToast(
    `/organisations/${organisationId}`,
    { kind: "success", message: "registration.registered", values: { name } },
    { headers },
  );
}

/** The organisation's fields, and the visitor's own account when nobody is signed in. */
type RegistrationForm = z.input<typeof organisationRegistrationSchema> &
  Partial<z.input<typeof visitorRegistrationSchema>>;

export default function RegisterPage() {
  const { t } = useTranslation();
  const { viewer, countries } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const schema = viewer ? organisationRegistrationSchema : visitorRegistrationSchema;
  const [form, fields] = useForm<RegistrationForm>({
    lastResult,
    defaultValue: viewer ? { contactName: viewer.name, contactEmail: viewer.email } : undefined,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const typeOptions = organisationTypes.map((type) => ({
    value: type,
    label: t(`organisations.types.${type}`),
  }));
  const levelOptions = governanceLevels.map((level) => ({
    value: level,
    label: t(`organisations.levels.${level}`),
  }));
  return (
    <div className="narrow">
      <h1>{t("registration.title")}</h1>
      <p className="lead">{t("registration.lead")}</p>
      {viewer ? (
        <p className="notice">{t("registration.signedInAs", { name: viewer.name })}</p>
      ) : (
        <p>
          {t("registration.haveAccount")}{" "}
          <Link to={`/login?${new URLSearchParams({ redirectTo: "/register" })}`}>
            {t("registration.signInFirst")}
          </Link>
        </p>
      )}
      <ValidatedForm form={form} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <fieldset className="fieldset stack">
          <legend>{t("registration.sections.organisation")}</legend>
          <TextField field={fields.name} label={t("organisations.fields.name")} autoComplete="organization" />
          <SelectField field={fields.type} label={t("organisations.fields.type")} options={typeOptions} />
          <SelectField
            field={fields.governanceLevel}
            label={t("organisations.fields.governanceLevel")}
            options={levelOptions}
          />
          <TextField
            field={fields.place}
            label={t("organisations.fields.place")}
            autoComplete="address-level2"
          />
          <SelectField field={fields.country} label={t("organisations.fields.country")} options={countries} />
          <TextField
            field={fields.website}
            label={t("organisations.fields.website")}
            help={t("organisations.help.website")}
            type="url"
            autoComplete="url"
          />
          <TextAreaField
            field={fields.description}
            label={t("organisations.fields.description")}
            help={t("organisations.help.description")}
            rows={5}
          />
        </fieldset>
        <fieldset className="fieldset stack">
          <legend>{t("registration.sections.contact")}</legend>
          <TextField
            field={fields.contactName}
            label={t("organisations.fields.contactName")}
            autoComplete="name"
          />
          <TextField
            field={fields.contactEmail}
            label={t("organisations.fields.contactEmail")}
            help={t("registration.fields.contactEmailHelp")}
            type="email"
            autoComplete="email"
          />
        </fieldset>
        {viewer ? null : (
          <fieldset className="fieldset stack">
            <legend>{t("registration.sections.account")}</legend>
            <p className="field__help">{t("registration.accountHelp")}</p>
            <TextField field={fields.accountName} label={t("auth.fields.name")} autoComplete="name" />
            <TextField
              field={fields.accountEmail}
              label={t("registration.fields.accountEmail")}
              type="email"
              autoComplete="username"
            />
            <TextField
              field={fields.password}
              label={t("registration.fields.password")}
              help={t("auth.passwordHelp")}
              type="password"
              autoComplete="new-password"
            />
          </fieldset>
        )}
        <p>
          <button type="submit" className="button">
            {t("registration.submit")}
          </button>
        </p>
      </ValidatedForm>
    </div>
  );
}
