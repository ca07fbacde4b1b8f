import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { followBrowser, updateProfileSchema } from "~/modules/people/schema";
import { updateProfile } from "~/modules/people/update-profile.server";
import { readForm } from "~/utils/forms.server";
import { isLanguage } from "~/utils/i18n";
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
