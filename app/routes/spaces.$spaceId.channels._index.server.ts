import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { requireChannelReader, speakingFor } from "~/modules/channels/access.server";
import { markSpaceRead } from "~/modules/channels/mark-read.server";
import { openChannel } from "~/modules/channels/open-channel.server";
import { channelsWithUnread } from "~/modules/channels/queries.server";
import { openChannelSchema } from "~/modules/channels/schema";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { forbidden, RefusalError } from "~/utils/errors";
import { attempt, readForm } from "~/utils/forms.server";

/** The space's channels, each with what the viewer has not read, and the form to open a topic channel. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireChannelReader(actor, params.spaceId ?? "");
  return {
    channels: await channelsWithUnread(space.spaceId, actor.personId),
    mayOpen: can(actor, "space.open-channel", space),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireChannelReader(actor, params.spaceId ?? "");
  const formData = await readForm(request);
  if (formData.get("intent") === "read-all") {
    await markSpaceRead(actor.personId, space.spaceId);
    return redirect(`/spaces/${space.spaceId}/channels`, 303);
  }
  if (formData.get("intent") !== "open") throw new RefusalError(400);
  if (!can(actor, "space.open-channel", space)) forbidden();
  const organisationId = speakingFor(
    actor,
    space,
    "space.open-channel",
    await currentOrganisationId(request, actor),
  );
  if (!organisationId) forbidden();
  const submission = parseWithZod(formData, { schema: openChannelSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await attempt(submission, () => openChannel(actor, space, organisationId, submission.value));
  if (!result.ok) return data({ result: result.reply }, { status: 400 });
  return redirect(`/spaces/${space.spaceId}/channels/${result.value.id}`, 303);
}
