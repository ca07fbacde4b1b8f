import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, SelectField, TextField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { requireActor } from "~/modules/auth/session.server";
import { followBrowser, updateProfileSchema } from "~/modules/people/schema";
import { updateProfile } from "~/modules/people/update-profile.server";
import { readForm } from "~/utils/forms.server";
import { isLanguage, languageNames, languages } from "~/utils/i18n";
import { languageCookie } from "~/utils/i18n.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return { name: actor.name, language: isLanguage(actor.locale) ? actor.locale : followBrowser };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const submission = parseWithZod(await readForm(request), { schema: updateProfileSchema });
  if (submission.status !== "success") return submission.reply();
  const { language } = submission.value;
  await updateProfile(actor, submission.value);
  // The language cookie serves signed-out pages and would outrank the browser: keep it in step.
  const cookie =
    language === followBrowser
      ? await languageCookie.serialize("", { maxAge: 0 })
      : await languageCookie.serialize(language);
  throw await redirectWithToast(
    "/settings/profile",
    { kind: "success", message: "settings.profile.saved" },
    { headers: { "Set-Cookie": cookie } },
  );
}

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
