import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, TextField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { signInSchema } from "~/modules/auth/schema";
import { getActor, safeRedirectPath } from "~/modules/auth/session.server";
import { signIn } from "~/modules/auth/sign-in.server";
import { attempt, readForm } from "~/utils/forms.server";
import { clientOf } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getActor(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: signInSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const { email, password, redirectTo } = submission.value;
  const result = await attempt(submission, () => signIn({ email, password, ...clientOf(request, context) }), {
    hideFields: ["password"],
  });
  if (!result.ok) return result.reply;
  throw redirect(safeRedirectPath(redirectTo), { headers: { "Set-Cookie": result.value.cookie } });
}

export default function LoginPage() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useSchemaForm(signInSchema, {
    lastResult,
  });
  return (
    <div className="narrow">
      <h1>{t("auth.signIn.title")}</h1>
      <ValidatedForm form={form} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
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
