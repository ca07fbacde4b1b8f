import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, ValidatedForm } from "~/components/ui/form";
import { confirmEmailPath, getActorWithCookie } from "~/modules/auth/session.server";
import { emailConfirmationFormSchema, emailConfirmationValidHours } from "~/modules/people/schema";
import { sendEmailConfirmation } from "~/modules/people/send-email-confirmation.server";
import { attempt, readForm } from "~/utils/forms.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Concord" }];

/**
 * "Check your mail": where registration leads, and where a signed-in person whose address is not
 * confirmed is sent from every other page, with a button for a new link.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const signedIn = await getActorWithCookie(request);
  if (signedIn?.emailConfirmed) throw redirect("/");
  return { email: signedIn?.actor.email ?? null };
}

export async function action({ request }: ActionFunctionArgs) {
  const signedIn = await getActorWithCookie(request);
  if (!signedIn) throw redirect(`/login?${new URLSearchParams({ redirectTo: confirmEmailPath })}`);
  if (signedIn.emailConfirmed) throw redirect("/");
  const { actor } = signedIn;
  const submission = parseWithZod(await readForm(request), { schema: emailConfirmationFormSchema });
  if (submission.status !== "success") return submission.reply();
  const language = await resolveLanguage(request, actor);
  const result = await attempt(submission, () => sendEmailConfirmation(actor, language));
  if (!result.ok) return result.reply;
  return redirectWithToast(confirmEmailPath, {
    kind: result.value.mailed ? "success" : "error",
    message: result.value.mailed ? "registration.confirm.resent" : "registration.confirm.notMailed",
    values: { email: actor.email },
  });
}

export default function ConfirmEmailPage() {
  const { t } = useTranslation();
  const { email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form] = useForm({ lastResult });
  const hours = emailConfirmationValidHours;
  if (!email) {
    return (
      <div className="narrow stack">
        <h1>{t("registration.confirm.checkTitle")}</h1>
        <p className="lead">{t("registration.confirm.checkBody", { hours })}</p>
        <p>
          {t("registration.confirm.noMail")}{" "}
          <Link to={`/login?${new URLSearchParams({ redirectTo: confirmEmailPath })}`}>
            {t("common.signIn")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow stack">
      <h1>{t("registration.confirm.pendingTitle")}</h1>
      <p className="lead">{t("registration.confirm.pendingBody", { email, hours })}</p>
      <ValidatedForm form={form} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <p>{t("registration.confirm.resendIntro")}</p>
        <p>
          <button type="submit" className="button">
            {t("registration.confirm.resend")}
          </button>
        </p>
      </ValidatedForm>
    </div>
  );
}
