import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { notify } from "~/modules/notifications/notify.server";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";
import { db, type Tx } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { channelReaders, mentionedPeople } from "./mentions.server";
import { messageColumns, messageView } from "./queries.server";
import type { MessageView, PostMessageInput } from "./schema";

async function sentBefore(authorId: string, clientKey: string, client: Tx = db()) {
  return client.channelMessage.findUnique({
    where: { authorId_clientKey: { authorId, clientKey } },
    select: { ...messageColumns, channelId: true },
  });
}

/**
 * Posts a message (or a reply in a message's thread) on behalf of `organisationId` (checked by the caller:
 * "space.post-message" for that organisation). The message takes the channel's next number and the channel's
 * next event number in the same transaction, so numbers have no gaps and no two messages share one.
 *
 * Idempotent per author and client key: a send retried after a lost acknowledgement finds the message the
 * first one made and answers it again (`created: false`); two sends racing with one key end with one message.
 */
export async function postMessage(
  actor: Actor,
  space: SpaceResource,
  channelId: string,
  organisationId: string,
  input: Pick<PostMessageInput, "body" | "parentId" | "clientKey">,
): Promise<{ message: MessageView; created: boolean }> {
  const again = async () => {
    const earlier = await sentBefore(actor.personId, input.clientKey);
    if (!earlier) return null;
    if (earlier.channelId !== channelId) throw new DomainError("channels.errors.keyReused");
    return { message: messageView(earlier), created: false };
  };
  const earlier = await again();
  if (earlier) return earlier;
  try {
    return await runCommand(async (tx, emit) => {
      if (input.parentId) {
        const parent = await tx.channelMessage.findFirst({
          where: { id: input.parentId, channelId, parentId: null },
          select: { id: true },
        });
        if (!parent) throw new DomainError("channels.errors.noSuchThread");
      }
      const channel = await tx.channel.update({
        where: { id: channelId },
        data: { lastSeq: { increment: 1 }, lastEventSeq: { increment: 1 } },
        select: { lastSeq: true, lastEventSeq: true },
      });
      const message = await tx.channelMessage.create({
        data: {
          channelId,
          seq: channel.lastSeq,
          authorId: actor.personId,
          organisationId,
          parentId: input.parentId ?? null,
          body: input.body,
          clientKey: input.clientKey,
        },
        select: messageColumns,
      });
      await tx.channelEvent.create({
        data: { channelId, seq: channel.lastEventSeq, kind: "posted", messageId: message.id },
      });
      if (input.parentId)
        await tx.channelMessage.update({
          where: { id: input.parentId },
          data: { replyCount: { increment: 1 } },
        });
      // The author has read their own message, and everything before it if they had read up to it.
      await tx.channelRead.upsert({
        where: { personId_channelId: { personId: actor.personId, channelId } },
        create: { personId: actor.personId, channelId, lastReadSeq: 0 },
        update: {},
      });
      await tx.channelRead.updateMany({
        where: { personId: actor.personId, channelId, lastReadSeq: channel.lastSeq - 1 },
        data: { lastReadSeq: channel.lastSeq },
      });
      await recordAudit(tx, {
        actorId: actor.personId,
        organisationId,
        spaceId: space.spaceId,
        action: "channel.message-posted",
        subjectType: "channel-message",
        subjectId: message.id,
        detail: { channelId, seq: message.seq, parentId: message.parentId },
      });
      // Those who chose to hear nothing of the channel are not told.
      const silenced = new Set(
        (
          await tx.channelRead.findMany({
            where: { channelId, notify: "nothing" },
            select: { personId: true },
          })
        ).map((row) => row.personId),
      );
      const mentioned = mentionedPeople(input.body, await channelReaders(tx, space.spaceId)).filter(
        (personId) => personId !== actor.personId && !silenced.has(personId),
      );
      if (mentioned.length > 0) {
        const { title, space: where } = await tx.channel.findUniqueOrThrow({
          where: { id: channelId },
          select: { title: true, space: { select: { title: true } } },
        });
        notify(emit, {
          personIds: mentioned,
          spaceId: space.spaceId,
          message: "notifications.messages.channelMention",
          values: { name: actor.name, channel: title, space: where.title },
          link: `/spaces/${space.spaceId}/channels/${channelId}${message.parentId ? `?thread=${message.parentId}` : ""}#message-${message.id}`,
        });
      }
      emit("channel.changed", { spaceId: space.spaceId, channelId, seq: channel.lastEventSeq });
      return { message: messageView(message), created: true };
    });
  } catch (error) {
    // The same key sent twice at once: the other send made the message.
    const raced = error instanceof DomainError ? null : await again();
    if (raced) return raced;
    throw error;
  }
}
