import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { requireSpace } from "~/modules/spaces/access.server";
import { spacePromises } from "~/modules/spaces/queries.server";
import { promisesSchema } from "~/modules/spaces/schema";
import { setPromises } from "~/modules/spaces/set-promises.server";
import { attempt, readForm } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.set-promise");
  return { promises: await spacePromises(space.spaceId) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.set-promise");
  const submission = parseWithZod(await readForm(request), { schema: promisesSchema });
  if (submission.status !== "success") return submission.reply();
  const result = await attempt(submission, () => setPromises(actor, space, submission.value));
  if (!result.ok) return result.reply;
  return redirectWithToast(`/spaces/${space.spaceId}`, {
    kind: "success",
    message: result.value.changed.length > 0 ? "spaces.promise.saved" : "spaces.promise.unchanged",
  });
}
