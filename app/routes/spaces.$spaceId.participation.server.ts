import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { leaveSpace } from "~/modules/participation/leave-space.server";
import { nameDelegates } from "~/modules/participation/name-delegates.server";
import { ourParticipation } from "~/modules/participation/queries.server";
import { requestLevel } from "~/modules/participation/request-level.server";
import { respondInvitation } from "~/modules/participation/respond-invitation.server";
import {
  leaveSpaceSchema,
  nameDelegatesSchema,
  requestLevelSchema,
  respondInvitationSchema,
} from "~/modules/participation/schema";
import { requireSpace } from "~/modules/spaces/access.server";
import { attempt, readForm } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.view");
  return { spaceId: space.spaceId, organisations: await ourParticipation(actor, space) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const spaceId = params.spaceId ?? "";
  const formData = await readForm(request);
  const intent = String(formData.get("intent"));
  const organisationId = String(formData.get("organisationId") ?? "");
  if (!Object.hasOwn(intents, intent)) {
    await requireSpace(actor, spaceId, "space.view");
    throw new Response(null, { status: 400, statusText: "Bad Request" });
  }
  const space = await requireSpace(actor, spaceId, intents[intent as keyof typeof intents], organisationId);
  const here = `/spaces/${space.spaceId}/participation`;
  const formId = `${intent}-${organisationId}`;

  if (intent === "respond") {
    const submission = parseWithZod(formData, { schema: respondInvitationSchema });
    if (submission.status !== "success") return { formId, result: submission.reply() };
    const { response } = submission.value;
    const result = await attempt(submission, () => respondInvitation(actor, space, organisationId, response));
    if (!result.ok) return { formId, result: result.reply };
    return redirectWithToast(response === "accept" ? here : "/", {
      kind: "success",
      message: `participation.respond.done.${response}`,
    });
  }

  if (intent === "delegates") {
    const submission = parseWithZod(formData, { schema: nameDelegatesSchema });
    if (submission.status !== "success") return { formId, result: submission.reply() };
    const result = await attempt(submission, () =>
      nameDelegates(actor, space, organisationId, submission.value),
    );
    if (!result.ok) return { formId, result: result.reply };
    return redirectWithToast(here, { kind: "success", message: "participation.delegates.done" });
  }

  if (intent === "request-level") {
    const submission = parseWithZod(formData, { schema: requestLevelSchema });
    if (submission.status !== "success") return { formId, result: submission.reply() };
    const result = await attempt(submission, () =>
      requestLevel(actor, space, organisationId, submission.value),
    );
    if (!result.ok) return { formId, result: result.reply };
    return redirectWithToast(here, { kind: "success", message: "participation.request.done" });
  }

  const submission = parseWithZod(formData, { schema: leaveSpaceSchema });
  if (submission.status !== "success") return { formId, result: submission.reply() };
  const result = await attempt(submission, () =>
    leaveSpace(actor, space, organisationId, { by: "organisation" }),
  );
  if (!result.ok) return { formId, result: result.reply };
  return redirectWithToast("/", { kind: "success", message: "participation.leave.done" });
}

const intents = {
  respond: "space.respond-invitation",
  delegates: "space.name-delegates",
  "request-level": "space.request-level",
  leave: "space.leave",
} as const;
