import { useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ErrorList, SelectField, TextAreaField, TextField, ValidatedForm } from "~/components/ui/form";
import { governanceLevels, organisationTypes } from "~/modules/organisations/schema";
import { organisationRegistrationSchema, visitorRegistrationSchema } from "~/modules/registration/schema";
import type { loader, action } from "./register.server";

export { loader, action } from "./register.server";

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
