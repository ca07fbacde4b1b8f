import { randomUUID } from "node:crypto";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import type { Actor } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import { requireChannelReader, speakingFor } from "~/modules/channels/access.server";
import {
  deleteMessage,
  editMessage,
  hideMessage,
  toggleReaction,
} from "~/modules/channels/change-message.server";
import {
  markRead,
  notifyPreference,
  readMark,
  setNotifyPreference,
} from "~/modules/channels/mark-read.server";
import { postMessage } from "~/modules/channels/post-message.server";
import {
  channelMessages,
  channelOfSpace,
  channelsWithUnread,
  thread,
} from "~/modules/channels/queries.server";
import {
  deleteMessageSchema,
  editMessageSchema,
  hideMessageSchema,
  postMessageSchema,
  preferenceSchema,
  reactSchema,
} from "~/modules/channels/schema";
import type { SpaceResource } from "~/modules/spaces/policy";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { DomainError, forbidden, notFound, RefusalError } from "~/utils/errors";
import { attempt, attemptWithToast, readForm } from "~/utils/forms.server";
import { listPageData } from "~/utils/keyset.server";
import { redirectWithToast } from "~/utils/toast.server";

/**
 * A channel of a space: its latest messages (older ones a page at a time through `?before=`), a thread when
 * `?thread=` names one of its messages, and the post form. Opening the latest page marks the channel read.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireChannelReader(actor, params.spaceId ?? "");
  // The channel's event number first: the live page catches up from it, so anything posted while the page is
  // read is applied after (once, by id), never missed.
  const channel = await channelOfSpace(space.spaceId, params.channelId ?? "");
  const url = new URL(request.url);
  const threadId = url.searchParams.get("thread");
  const [page, openThread] = await Promise.all([
    channelMessages(channel.id, url),
    threadId ? thread(channel.id, threadId) : null,
  ]);
  if (threadId && !openThread) notFound();
  // Where the person had read up to, for "jump to the first unread", before this view moves the mark.
  const readBefore = await readMark(actor.personId, channel.id);
  if (!url.searchParams.has("before")) await markRead(actor.personId, channel.id, channel.lastSeq);
  const firstUnread = page.messages.find((message) => message.seq > readBefore) ?? null;
  const [channels, notify] = await Promise.all([
    channelsWithUnread(space.spaceId, actor.personId),
    notifyPreference(actor.personId, channel.id),
  ]);
  return listPageData(
    {
      spaceId: space.spaceId,
      channel: { id: channel.id, title: channel.title, general: channel.key === "general" },
      lastEventSeq: channel.lastEventSeq,
      latest: !url.searchParams.has("before"),
      messages: page.messages,
      links: page.links,
      thread: openThread,
      // Messages (replies included) posted since the person last read the channel, and the first of them here.
      unreadBefore: Math.max(0, channel.lastSeq - readBefore),
      firstUnreadId: firstUnread?.id ?? null,
      channels,
      viewerId: actor.personId,
      notify,
      // The key of the next message sent by the form without JavaScript; the live form makes its own.
      clientKey: randomUUID(),
      may: {
        post: can(actor, "space.post-message", space),
        moderate: can(actor, "space.moderate-channel", space),
      },
    },
    page.links,
  );
}

type ChannelPost = {
  actor: Actor;
  space: SpaceResource;
  channelId: string;
  formData: FormData;
  here: string;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireChannelReader(actor, params.spaceId ?? "");
  const channel = await channelOfSpace(space.spaceId, params.channelId ?? "");
  const formData = await readForm(request);
  const url = new URL(request.url);
  const post: ChannelPost = {
    actor,
    space,
    channelId: channel.id,
    formData,
    here: `${url.pathname}${url.search}`,
  };
  switch (formData.get("intent")) {
    case "post":
      return postIntent(post, await currentOrganisationId(request, actor));
    case "edit":
      return editIntent(post);
    case "delete":
      return deleteIntent(post);
    case "hide":
      return hideIntent(post, await currentOrganisationId(request, actor));
    case "preference":
      return preferenceIntent(post);
    case "react":
      return reactIntent(post);
    default:
      throw new RefusalError(400);
  }
}

/** A form that did not pass its schema: 400, with the errors and what was typed. */
const invalid = <Reply>(formId: string, result: Reply) => data({ formId, result }, { status: 400 });

async function postIntent({ actor, space, channelId, formData, here }: ChannelPost, current: string | null) {
  if (!can(actor, "space.post-message", space)) forbidden();
  const organisationId = speakingFor(actor, space, "space.post-message", current);
  if (!organisationId) forbidden();
  const submission = parseWithZod(formData, { schema: postMessageSchema });
  if (submission.status !== "success") return invalid("post", submission.reply());
  const result = await attempt(submission, () =>
    postMessage(actor, space, channelId, organisationId, submission.value),
  );
  if (!result.ok) return invalid("post", result.reply);
  const back = new URL(here, "http://concord");
  back.searchParams.delete("before");
  return redirect(`${back.pathname}${back.search}#message-${result.value.message.id}`, 303);
}

async function editIntent({ actor, space, channelId, formData, here }: ChannelPost) {
  const formId = `edit-${String(formData.get("messageId"))}`;
  const submission = parseWithZod(formData, { schema: editMessageSchema });
  if (submission.status !== "success") return invalid(formId, submission.reply());
  const result = await attempt(submission, () => editMessage(actor, space, channelId, submission.value));
  if (!result.ok) return invalid(formId, result.reply);
  return redirect(`${here}#message-${submission.value.messageId}`, 303);
}

async function deleteIntent({ actor, space, channelId, formData, here }: ChannelPost) {
  const submission = deleteMessageSchema.safeParse(Object.fromEntries(formData));
  if (!submission.success) throw new RefusalError(400);
  return attemptWithToast(here, "channels.message.deleted", () =>
    deleteMessage(actor, space, channelId, submission.data),
  );
}

async function hideIntent({ actor, space, channelId, formData, here }: ChannelPost, current: string | null) {
  if (!can(actor, "space.moderate-channel", space)) forbidden();
  const organisationId = speakingFor(actor, space, "space.moderate-channel", current);
  if (!organisationId) forbidden();
  const formId = `hide-${String(formData.get("messageId"))}`;
  const submission = parseWithZod(formData, { schema: hideMessageSchema });
  if (submission.status !== "success") return invalid(formId, submission.reply());
  const result = await attempt(submission, () =>
    hideMessage(actor, space, channelId, organisationId, submission.value),
  );
  if (!result.ok) return invalid(formId, result.reply);
  return redirect(`${here}#message-${submission.value.messageId}`, 303);
}

async function preferenceIntent({ actor, channelId, formData, here }: ChannelPost) {
  const submission = parseWithZod(formData, { schema: preferenceSchema });
  if (submission.status !== "success") return invalid("preference", submission.reply());
  await setNotifyPreference(actor.personId, channelId, submission.value.notify);
  return redirectWithToast(here, { kind: "success", message: "channels.preference.saved" });
}

async function reactIntent({ actor, space, channelId, formData, here }: ChannelPost) {
  if (!can(actor, "space.post-message", space)) forbidden();
  const submission = reactSchema.safeParse(Object.fromEntries(formData));
  if (!submission.success) throw new RefusalError(400);
  const back = `${here}#message-${submission.data.messageId}`;
  try {
    await toggleReaction(actor, space, channelId, submission.data);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return redirectWithToast(back, { kind: "error", message: error.messageKey });
  }
  return redirect(back, 303);
}
