import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs } from "@remix-run/node";
import { changePassword } from "~/modules/auth/change-password.server";
import { knownDeviceOf } from "~/modules/auth/known-device.server";
import { changePasswordSchema } from "~/modules/auth/schema";
import { requireActor } from "~/modules/auth/session.server";
import { attempt, readForm } from "~/utils/forms.server";
import { clientOf } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const submission = parseWithZod(await readForm(request), { schema: changePasswordSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: passwordFields });
  const result = await attempt(
    submission,
    async () =>
      changePassword(actor, {
        ...submission.value,
        client: clientOf(request, context),
        knownDevice: await knownDeviceOf(request),
      }),
    { hideFields: passwordFields },
  );
  if (!result.ok) return result.reply;
  throw await redirectWithToast(
    "/settings/password",
    { kind: "success", message: "settings.password.changed" },
    { headers: { "Set-Cookie": result.value.sessionCookie } },
  );
}

const passwordFields = ["currentPassword", "newPassword", "confirmPassword"];
