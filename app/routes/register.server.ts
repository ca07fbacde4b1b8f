import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { confirmEmailPath } from "~/modules/auth/schema";
import { getActor } from "~/modules/auth/session.server";
import { countryOptions } from "~/modules/organisations/schema";
import {
  registerOrganisation,
  registerOrganisationWithAccount,
} from "~/modules/registration/register-organisation.server";
import { organisationRegistrationSchema, visitorRegistrationSchema } from "~/modules/registration/schema";
import { currentOrganisationCookie } from "~/utils/current-organisation.server";
import { attempt, readForm } from "~/utils/forms.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { clientOf } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  return {
    viewer: actor && { name: actor.name, email: actor.email },
    countries: countryOptions(await resolveLanguage(request, actor)),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await getActor(request);
  const formData = await readForm(request);
  if (actor) {
    const submission = parseWithZod(formData, { schema: organisationRegistrationSchema });
    if (submission.status !== "success") return submission.reply();
    const result = await attempt(submission, () => registerOrganisation(actor, submission.value));
    if (!result.ok) return result.reply;
    throw await registered(result.value);
  }
  const submission = parseWithZod(formData, { schema: visitorRegistrationSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const { accountName, accountEmail, password, ...organisation } = submission.value;
  const account = { name: accountName, email: accountEmail, password };
  const language = await resolveLanguage(request, null);
  const result = await attempt(
    submission,
    () => registerOrganisationWithAccount(organisation, account, clientOf(request, context), language),
    { hideFields: ["password"] },
  );
  if (!result.ok) return result.reply;
  // The same answer whether the address was new or had an account (ADR 0012): nobody is signed in.
  throw await redirectWithToast(confirmEmailPath, {
    kind: "info",
    message: "registration.checkMail",
    values: { email: account.email },
  });
}

/** To the new organisation's page, acting for it, with the news that it awaits verification. */
async function registered({ organisationId, name }: { organisationId: string; name: string }) {
  const headers = new Headers();
  headers.append("Set-Cookie", await currentOrganisationCookie.serialize(organisationId));
  return redirectWithToast(
    `/organisations/${organisationId}`,
    { kind: "success", message: "registration.registered", values: { name } },
    { headers },
  );
}
