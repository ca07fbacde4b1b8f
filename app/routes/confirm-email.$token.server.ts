import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { getActorWithCookie } from "~/modules/auth/session.server";
import { confirmEmail } from "~/modules/people/confirm-email.server";
import { emailConfirmationByToken } from "~/modules/people/queries.server";
import { emailConfirmationFormSchema } from "~/modules/people/schema";
import { attempt, readForm } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";

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

const statuses = { pending: 200, used: 410, expired: 410, unknown: 404 } as const;
