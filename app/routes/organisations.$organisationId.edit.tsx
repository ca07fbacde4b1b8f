import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  ErrorList,
  SelectField,
  TextAreaField,
  TextField,
  ValidatedForm,
  useSchemaForm,
} from "~/components/ui/form";
import { organisationProfileSchema } from "~/modules/organisations/schema";
import type { loader, action } from "./organisations.$organisationId.edit.server";

export { loader, action } from "./organisations.$organisationId.edit.server";

export default function EditOrganisationPage() {
  const { organisationId, profile, countries, nameNeedsConfirmation } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(organisationProfileSchema, {
    lastResult,
    defaultValue: profile,
  });
  return (
    <div className="narrow">
      <h2>{t("organisations.edit.title")}</h2>
      <ValidatedForm form={form} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <TextField
          field={fields.name}
          label={t("organisations.fields.name")}
          help={nameNeedsConfirmation ? t("organisations.help.verifiedName") : undefined}
          autoComplete="organization"
        />
        <TextField field={fields.place} label={t("organisations.fields.place")} />
        <SelectField field={fields.country} label={t("organisations.fields.country")} options={countries} />
        <TextField
          field={fields.website}
          label={t("organisations.fields.website")}
          type="url"
          help={t("organisations.help.website")}
          autoComplete="url"
        />
        <TextAreaField
          field={fields.description}
          label={t("organisations.fields.description")}
          help={t("organisations.help.description")}
          rows={6}
        />
        <TextField field={fields.contactName} label={t("organisations.fields.contactName")} />
        <TextField
          field={fields.contactEmail}
          label={t("organisations.fields.contactEmail")}
          type="email"
          autoComplete="email"
        />
        <p className="actions">
          <button type="submit" className="button">
            {t("organisations.edit.submit")}
          </button>
          <Link to={`/organisations/${organisationId}`} className="button button--quiet">
            {t("common.cancel")}
          </Link>
        </p>
      </ValidatedForm>
    </div>
  );
}
