import type { MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, TextField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { signInSchema } from "~/modules/auth/schema";
import type { loader, action } from "./login.server";

export { loader, action } from "./login.server";

export const meta: MetaFunction = () => [{ title: "Concord" }];

export default function LoginPage() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const { redirectTo } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(signInSchema, {
    lastResult,
  });
  return (
    <div className="narrow">
      <h1>{t("auth.signIn.title")}</h1>
      <ValidatedForm form={form} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField field={fields.email} label={t("auth.fields.email")} type="email" autoComplete="username" />
        <TextField
          field={fields.password}
          label={t("auth.fields.password")}
          type="password"
          autoComplete="current-password"
        />
        <button type="submit" className="button">
          {t("auth.signIn.submit")}
        </button>
      </ValidatedForm>
      <p>
        {t("auth.signIn.registerPrompt")} <Link to="/register">{t("auth.signIn.registerLink")}</Link>
      </p>
    </div>
  );
}
