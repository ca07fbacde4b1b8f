import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, TextField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { knownDeviceOf } from "~/modules/auth/known-device.server";
import { signInSchema } from "~/modules/auth/schema";
import { getActor } from "~/modules/auth/session.server";
import { signIn } from "~/modules/auth/sign-in.server";
import { attempt, readForm } from "~/utils/forms.server";
import { clientOf } from "~/utils/request.server";
import { safeRedirectPath } from "~/utils/safe-redirect";

export const meta: MetaFunction = () => [{ title: "Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getActor(request)) throw redirect("/");
  return { redirectTo: safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: signInSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const { email, password, redirectTo } = submission.value;
  const knownDevice = await knownDeviceOf(request);
  const result = await attempt(
    submission,
    () => signIn({ email, password, client: clientOf(request, context), knownDevice }),
    { hideFields: ["password"] },
  );
  if (!result.ok) return result.reply;
  const headers = new Headers();
  headers.append("Set-Cookie", result.value.sessionCookie);
  headers.append("Set-Cookie", result.value.deviceCookie);
  throw redirect(safeRedirectPath(redirectTo), { headers });
}

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
