import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { getActorBeforeConfirmation } from "~/modules/auth/session.server";
import { setPreferredLanguage } from "~/modules/people/set-preferred-language.server";
import { readForm } from "~/utils/forms.server";
import { languages } from "~/utils/i18n";
import { languageCookie } from "~/utils/i18n.server";
import { safeRedirectPath } from "~/utils/safe-redirect";
import { redirectWithToast } from "~/utils/toast.server";

const languageSchema = z.object({ language: z.enum(languages), redirectTo: z.string().max(2000).optional() });

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = languageSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) {
    return redirectWithToast("/", { kind: "error", message: "common.languageSwitcher.unknown" });
  }
  const { language, redirectTo } = parsed.data;
  const actor = await getActorBeforeConfirmation(request);
  if (actor) await setPreferredLanguage(actor, language);
  return redirect(safeRedirectPath(redirectTo), {
    headers: { "Set-Cookie": await languageCookie.serialize(language) },
  });
}
