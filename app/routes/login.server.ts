import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { knownDeviceOf } from "~/modules/auth/known-device.server";
import { signInSchema } from "~/modules/auth/schema";
import { getActor } from "~/modules/auth/session.server";
import { signIn } from "~/modules/auth/sign-in.server";
import { attempt, readForm } from "~/utils/forms.server";
import { clientOf } from "~/utils/request.server";
import { safeRedirectPath } from "~/utils/safe-redirect";

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
