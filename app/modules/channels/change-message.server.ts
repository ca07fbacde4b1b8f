import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { notify } from "~/modules/notifications/notify.server";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";
import type { Tx } from "~/utils/db.server";
import { DomainError, notFound } from "~/utils/errors";
import type { ChannelEventKind } from "./schema";

/** Gives a change to a message the channel's next event number, so a client that was away learns of it. */
async function recordEvent(tx: Tx, channelId: string, messageId: string, kind: ChannelEventKind) {
  const channel = await tx.channel.update({
    where: { id: channelId },
    data: { lastEventSeq: { increment: 1 } },
    select: { lastEventSeq: true },
  });
  await tx.channelEvent.create({ data: { channelId, seq: channel.lastEventSeq, kind, messageId } });
  return channel.lastEventSeq;
}

async function ownMessage(tx: Tx, actor: Actor, channelId: string, messageId: string) {
  const message = await tx.channelMessage.findFirst({
    where: { id: messageId, channelId },
    select: { id: true, authorId: true, organisationId: true, deletedAt: true, hiddenAt: true },
  });
  // Someone else's message is none of theirs to change: as if it did not exist.
  if (!message || message.authorId !== actor.personId) notFound();
  if (message.deletedAt || message.hiddenAt) throw new DomainError("channels.errors.gone");
  return message;
}

/** The author edits their message; the page shows it as edited. */
export async function editMessage(
  actor: Actor,
  space: SpaceResource,
  channelId: string,
  input: { messageId: string; body: string },
) {
  return runCommand(async (tx, emit) => {
    const message = await ownMessage(tx, actor, channelId, input.messageId);
    await tx.channelMessage.update({
      where: { id: message.id },
      data: { body: input.body, editedAt: new Date() },
    });
    const seq = await recordEvent(tx, channelId, message.id, "edited");
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId: message.organisationId,
      spaceId: space.spaceId,
      action: "channel.message-edited",
      subjectType: "channel-message",
      subjectId: message.id,
    });
    emit("channel.changed", { spaceId: space.spaceId, channelId, seq });
    return { ok: true as const };
  });
}

/** The author deletes their message: its text goes, a "message removed" marker keeps its place. */
export async function deleteMessage(
  actor: Actor,
  space: SpaceResource,
  channelId: string,
  input: { messageId: string },
) {
  return runCommand(async (tx, emit) => {
    const message = await ownMessage(tx, actor, channelId, input.messageId);
    await tx.channelMessage.update({ where: { id: message.id }, data: { body: "", deletedAt: new Date() } });
    const seq = await recordEvent(tx, channelId, message.id, "deleted");
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId: message.organisationId,
      spaceId: space.spaceId,
      action: "channel.message-deleted",
      subjectType: "channel-message",
      subjectId: message.id,
    });
    emit("channel.changed", { spaceId: space.spaceId, channelId, seq });
    return { ok: true as const };
  });
}

/**
 * A convener hides a message (checked by the route: "space.moderate-channel"), with a reason that readers
 * see in its place; the author is told, and the audit trail keeps who hid it and why.
 */
export async function hideMessage(
  actor: Actor,
  space: SpaceResource,
  channelId: string,
  organisationId: string,
  input: { messageId: string; reason: string },
) {
  return runCommand(async (tx, emit) => {
    const message = await tx.channelMessage.findFirst({
      where: { id: input.messageId, channelId },
      select: {
        id: true,
        authorId: true,
        hiddenAt: true,
        deletedAt: true,
        channel: { select: { title: true } },
      },
    });
    if (!message) notFound();
    if (message.deletedAt || message.hiddenAt) throw new DomainError("channels.errors.gone");
    await tx.channelMessage.update({
      where: { id: message.id },
      data: { hiddenAt: new Date(), hiddenReason: input.reason, hiddenById: actor.personId },
    });
    const seq = await recordEvent(tx, channelId, message.id, "hidden");
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: space.spaceId,
      action: "channel.message-hidden",
      subjectType: "channel-message",
      subjectId: message.id,
      detail: { reason: input.reason, authorId: message.authorId },
    });
    if (message.authorId !== actor.personId)
      notify(emit, {
        personIds: [message.authorId],
        spaceId: space.spaceId,
        message: "notifications.messages.channelMessageHidden",
        values: { channel: message.channel.title, reason: input.reason },
        link: `/spaces/${space.spaceId}/channels/${channelId}`,
      });
    emit("channel.changed", { spaceId: space.spaceId, channelId, seq });
    return { ok: true as const };
  });
}

/**
 * A reader of the channel who may post gives or takes back a reaction (checked by the caller:
 * "space.post-message"); it is an event like any other change, so pages that were away learn of it.
 */
export async function toggleReaction(
  actor: Actor,
  space: SpaceResource,
  channelId: string,
  input: { messageId: string; emoji: string },
) {
  return runCommand(async (tx, emit) => {
    const message = await tx.channelMessage.findFirst({
      where: { id: input.messageId, channelId },
      select: { id: true, deletedAt: true, hiddenAt: true },
    });
    if (!message) notFound();
    if (message.deletedAt || message.hiddenAt) throw new DomainError("channels.errors.gone");
    const key = { messageId: message.id, personId: actor.personId, emoji: input.emoji };
    const removed = await tx.channelReaction.deleteMany({ where: key });
    if (removed.count === 0) await tx.channelReaction.create({ data: key });
    const seq = await recordEvent(tx, channelId, message.id, "reacted");
    await recordAudit(tx, {
      actorId: actor.personId,
      spaceId: space.spaceId,
      action: removed.count === 0 ? "channel.reaction-given" : "channel.reaction-taken-back",
      subjectType: "channel-message",
      subjectId: message.id,
      detail: { emoji: input.emoji },
    });
    emit("channel.changed", { spaceId: space.spaceId, channelId, seq });
    return { reacted: removed.count === 0 };
  });
}
