import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, TextField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { changePasswordSchema } from "~/modules/auth/schema";
import type { action } from "./settings.password.server";

export { action } from "./settings.password.server";

export default function PasswordSettingsPage() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(changePasswordSchema, {
    lastResult,
  });
  return (
    <div className="narrow">
      <h2>{t("settings.password.title")}</h2>
      <p>{t("settings.password.lead")}</p>
      <ValidatedForm form={form} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <TextField
          field={fields.currentPassword}
          label={t("auth.fields.currentPassword")}
          type="password"
          autoComplete="current-password"
        />
        <TextField
          field={fields.newPassword}
          label={t("auth.fields.newPassword")}
          type="password"
          help={t("auth.passwordHelp")}
          autoComplete="new-password"
        />
        <TextField
          field={fields.confirmPassword}
          label={t("auth.fields.confirmPassword")}
          type="password"
          autoComplete="new-password"
        />
        <button type="submit" className="button">
          {t("settings.password.submit")}
        </button>
      </ValidatedForm>
    </div>
  );
}
