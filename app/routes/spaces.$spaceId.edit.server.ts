import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { requireSpace } from "~/modules/spaces/access.server";
import { parentCandidates, spaceDetails } from "~/modules/spaces/queries.server";
import { noParent, updateSpaceSchema } from "~/modules/spaces/schema";
import { updateSpace } from "~/modules/spaces/update-space.server";
import { attempt, readForm } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.edit");
  const [details, candidates] = await Promise.all([
    spaceDetails(space.spaceId),
    parentCandidates(actor, space.spaceId),
  ]);
  return {
    details: { ...details, parentId: details.parentId ?? noParent },
    candidates,
    // A parent the viewer cannot see stays selectable as it is, without its title.
    hiddenParentId:
      details.parentId && !candidates.some((candidate) => candidate.id === details.parentId)
        ? details.parentId
        : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.edit");
  const submission = parseWithZod(await readForm(request), { schema: updateSpaceSchema });
  if (submission.status !== "success") return submission.reply();
  const result = await attempt(submission, () => updateSpace(actor, space, submission.value));
  if (!result.ok) return result.reply;
  return redirectWithToast(`/spaces/${space.spaceId}`, {
    kind: "success",
    message: result.value.changed.length > 0 ? "spaces.edit.saved" : "spaces.edit.unchanged",
  });
}
