import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { loadSpaceResource, requireSpace } from "~/modules/spaces/access.server";
import { addConvener, removeConvener } from "~/modules/spaces/manage-conveners.server";
import { convenerCandidates, convenersOf } from "~/modules/spaces/queries.server";
import { addConvenerSchema, removeConvenerSchema } from "~/modules/spaces/schema";
import { DomainError, notFound } from "~/utils/errors";
import { attempt, readForm } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.manage-conveners");
  const search = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 200);
  const [conveners, candidates] = await Promise.all([
    convenersOf(space.spaceId),
    convenerCandidates(space.spaceId, search),
  ]);
  return { conveners, candidates, search };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.manage-conveners");
  const here = `/spaces/${space.spaceId}/conveners`;
  const formData = await readForm(request);

  if (formData.get("intent") === "remove") {
    const parsed = removeConvenerSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) notFound();
    try {
      const { name } = await removeConvener(actor, space, parsed.data.organisationId);
      // Removing one's own organisation can end one's access to this page.
      const after = await loadSpaceResource(actor, space.spaceId);
      const stillManaging = after !== null && can(actor, "space.manage-conveners", after);
      return redirectWithToast(stillManaging ? here : "/spaces", {
        kind: "success",
        message: "spaces.conveners.removed",
        values: { name },
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return redirectWithToast(here, { kind: "error", message: error.messageKey });
    }
  }

  const submission = parseWithZod(formData, { schema: addConvenerSchema });
  if (submission.status !== "success") return submission.reply();
  const result = await attempt(submission, () => addConvener(actor, space, submission.value.organisationId));
  if (!result.ok) return result.reply;
  return redirectWithToast(here, {
    kind: "success",
    message: "spaces.conveners.add.added",
    values: { name: result.value.name },
  });
}
