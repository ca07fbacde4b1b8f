import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, TextField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { changePassword } from "~/modules/auth/change-password.server";
import { knownDeviceOf } from "~/modules/auth/known-device.server";
import { changePasswordSchema } from "~/modules/auth/schema";
import { requireActor } from "~/modules/auth/session.server";
import { attempt, readForm } from "~/utils/forms.server";
import { clientOf } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

const passwordFields = ["currentPassword", "newPassword", "confirmPassword"];

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const submission = parseWithZod(await readForm(request), { schema: changePasswordSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: passwordFields });
  const result = await attempt(
    submission,
    async () =>
      changePassword(actor, {
        ...submission.value,
        client: clientOf(request, context),
        knownDevice: await knownDeviceOf(request),
      }),
    { hideFields: passwordFields },
  );
  if (!result.ok) return result.reply;
  throw await redirectWithToast(
    "/settings/password",
    { kind: "success", message: "settings.password.changed" },
    { headers: { "Set-Cookie": result.value.sessionCookie } },
  );
}

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
