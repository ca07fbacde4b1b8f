import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { confirmEmailPath } from "~/modules/auth/schema";
import { getActorWithCookie } from "~/modules/auth/session.server";
import { emailConfirmationFormSchema } from "~/modules/people/schema";
import { sendEmailConfirmation } from "~/modules/people/send-email-confirmation.server";
import { attempt, readForm } from "~/utils/forms.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { redirectWithToast } from "~/utils/toast.server";

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
