import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, ValidatedForm } from "~/components/ui/form";
import { getActorWithCookie } from "~/modules/auth/session.server";
import { confirmEmail } from "~/modules/people/confirm-email.server";
import { emailConfirmationByToken } from "~/modules/people/queries.server";
import { emailConfirmationFormSchema } from "~/modules/people/schema";
import { attempt, readForm } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Concord" }];

const statuses = { pending: 200, used: 410, expired: 410, unknown: 404 } as const;

/**
 * The link from the confirmation mail. Opening it only shows a button: a mail scanner fetching the link
 * confirms nothing and does not use it up.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const state = await emailConfirmationByToken(params.token ?? "");
  return data({ state }, { status: statuses[state] });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: emailConfirmationFormSchema });
  if (submission.status !== "success") return submission.reply();
  const result = await attempt(submission, () => confirmEmail(params.token ?? ""));
  if (!result.ok) return result.reply;
  const signedIn = await getActorWithCookie(request);
  if (signedIn?.actor.personId === result.value.personId) {
    return redirectWithToast("/", { kind: "success", message: "registration.confirm.confirmed" });
  }
  return redirectWithToast("/login", { kind: "success", message: "registration.confirm.confirmedSignIn" });
}

export default function ConfirmEmailLinkPage() {
  const { t } = useTranslation();
  const { state } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form] = useForm({ lastResult });
  if (state !== "pending") {
    return (
      <div className="narrow stack">
        <h1>{t(`registration.confirm.${state}Title`)}</h1>
        <p>{t(`registration.confirm.${state}`)}</p>
        <p>
          <Link to="/login">{t("common.signIn")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow stack">
      <h1>{t("registration.confirm.linkTitle")}</h1>
      <p className="lead">{t("registration.confirm.linkBody")}</p>
      <ValidatedForm form={form} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <p>
          <button type="submit" className="button">
            {t("registration.confirm.submit")}
          </button>
        </p>
      </ValidatedForm>
    </div>
  );
}
