import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { changeLevel } from "~/modules/participation/change-level.server";
import { inviteOrganisation } from "~/modules/participation/invite-organisation.server";
import { leaveSpace } from "~/modules/participation/leave-space.server";
import { invitableOrganisations, participantsOf } from "~/modules/participation/queries.server";
import {
  changeLevelSchema,
  inviteOrganisationSchema,
  participantsQuerySchema,
  removeParticipantSchema,
} from "~/modules/participation/schema";
import { actingConvener, requireSpace } from "~/modules/spaces/access.server";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { attempt, readForm } from "~/utils/forms.server";
import { listPageData } from "~/utils/keyset.server";
import { submitOnce } from "~/utils/form-token.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.view-participants");
  const url = new URL(request.url);
  const query = participantsQuerySchema.parse(Object.fromEntries(url.searchParams));
  const mayInvite = can(actor, "space.invite-organisation", space);
  const [list, invitable] = await Promise.all([
    participantsOf(actor, space, url),
    mayInvite ? invitableOrganisations(space, query.q) : null,
  ]);
  return listPageData(
    {
      spaceId: space.spaceId,
      participants: list.participants,
      pages: list.links,
      q: query.q,
      invitable,
      mayChangeLevel: can(actor, "space.change-level", space),
    },
    list.links,
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const spaceId = params.spaceId ?? "";
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const powers = intent === "invite" ? "space.invite-organisation" : "space.change-level";
  const space = await requireSpace(actor, spaceId, powers);
  const convenerId = actingConvener(actor, powers, space, await currentOrganisationId(request, actor));
  const here = `/spaces/${space.spaceId}/participants`;

  if (intent === "invite") {
    const submission = parseWithZod(formData, { schema: inviteOrganisationSchema });
    if (submission.status !== "success") return { formId: "invite", result: submission.reply() };
    const once = await submitOnce(actor, formData, here, () =>
      attempt(submission, () => inviteOrganisation(actor, space, convenerId, submission.value)),
    );
    if (once.replay === null && !once.value.ok) return { formId: "invite", result: once.value.reply };
    return redirectWithToast(once.replay ?? here, { kind: "success", message: "participation.invite.done" });
  }

  if (intent === "change-level") {
    const submission = parseWithZod(formData, { schema: changeLevelSchema });
    const formId = `level-${String(formData.get("organisationId"))}`;
    if (submission.status !== "success") return { formId, result: submission.reply() };
    const result = await attempt(submission, () => changeLevel(actor, space, convenerId, submission.value));
    if (!result.ok) return { formId, result: result.reply };
    return redirectWithToast(here, { kind: "success", message: "participation.changeLevel.done" });
  }

  if (intent === "remove") {
    const submission = parseWithZod(formData, { schema: removeParticipantSchema });
    const formId = `remove-${String(formData.get("organisationId"))}`;
    if (submission.status !== "success") return { formId, result: submission.reply() };
    const { organisationId, rationale } = submission.value;
    const result = await attempt(submission, () =>
      leaveSpace(actor, space, organisationId, { by: "convener", convenerId, rationale }),
    );
    if (!result.ok) return { formId, result: result.reply };
    return redirectWithToast(here, { kind: "success", message: "participation.remove.done" });
  }

  throw new Response(null, { status: 400, statusText: "Bad Request" });
}
