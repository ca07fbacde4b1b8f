import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { decideLevelRequest } from "~/modules/participation/decide-level-request.server";
import { levelHistoryOf, pendingLevelRequestsOf } from "~/modules/participation/queries.server";
import { decideLevelRequestSchema } from "~/modules/participation/schema";
import { actingConvener, requireSpace } from "~/modules/spaces/access.server";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { DomainError } from "~/utils/errors";
import { encodeMessage, readForm } from "~/utils/forms.server";
import { listPageData } from "~/utils/keyset.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.view-participants");
  const [history, requests] = await Promise.all([
    levelHistoryOf(actor, space, new URL(request.url)),
    pendingLevelRequestsOf(actor, space),
  ]);
  return listPageData(
    {
      pages: history.links,
      changes: history.rows.map(({ organisation, changedBy, ...change }) => ({
        ...change,
        organisation: organisation.name,
        changedBy: changedBy.name,
      })),
      requests: requests.map(({ organisation, requestedBy, ...request }) => ({
        ...request,
        organisation: organisation.name,
        requestedBy: requestedBy.name,
      })),
      mayDecide: can(actor, "space.decide-level-request", space),
    },
    history.links,
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.decide-level-request");
  const formData = await readForm(request);
  const formId = `decide-${String(formData.get("requestId"))}`;
  const submission = parseWithZod(formData, { schema: decideLevelRequestSchema });
  if (submission.status !== "success") return { formId, result: submission.reply() };
  const convenerId = actingConvener(
    actor,
    "space.decide-level-request",
    space,
    await currentOrganisationId(request, actor),
  );
  const here = `/spaces/${space.spaceId}/levels`;
  try {
    await decideLevelRequest(actor, space, convenerId, submission.value);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // A request decided meanwhile has no form left on the page to show the error: it comes as a toast.
    if (!error.field) return redirectWithToast(here, { kind: "error", message: error.messageKey });
    return {
      formId,
      result: submission.reply({ fieldErrors: { [error.field]: [encodeMessage(error)] } }),
    };
  }
  return redirectWithToast(here, {
    kind: "success",
    message: `participation.decide.done.${submission.value.decision}`,
  });
}
