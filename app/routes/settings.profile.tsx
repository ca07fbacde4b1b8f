import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, SelectField, TextField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { followBrowser, updateProfileSchema } from "~/modules/people/schema";
import { languageNames, languages } from "~/utils/i18n";
import type { loader, action } from "./settings.profile.server";

export { loader, action } from "./settings.profile.server";

export default function ProfileSettingsPage() {
  const { t } = useTranslation();
  const defaultValue = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(updateProfileSchema, {
    lastResult,
    defaultValue,
  });
  const languageOptions = [
    ...languages.map((code) => ({ value: code, label: languageNames[code] })),
    { value: followBrowser, label: t("settings.profile.followBrowser") },
  ];
  return (
    <div className="narrow">
      <h2>{t("settings.profile.title")}</h2>
      <ValidatedForm form={form} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <TextField field={fields.name} label={t("auth.fields.name")} autoComplete="name" />
        <SelectField
          field={fields.language}
          label={t("settings.profile.language")}
          options={languageOptions}
          help={t("settings.profile.languageHelp")}
        />
        <button type="submit" className="button">
          {t("settings.profile.submit")}
        </button>
      </ValidatedForm>
    </div>
  );
}
