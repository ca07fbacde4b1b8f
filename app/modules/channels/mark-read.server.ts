import { db } from "~/utils/db.server";

/**
 * Moves the person's read mark in the channel forward to `seq` (never back, never past the channel's latest
 * message). Unread is then the channel's latest seq minus this mark: nothing is counted up or down.
 */
export async function markRead(personId: string, channelId: string, seq: number) {
  const channel = await db().channel.findUnique({ where: { id: channelId }, select: { lastSeq: true } });
  if (!channel) return;
  const upTo = Math.min(seq, channel.lastSeq);
  await db().channelRead.upsert({
    where: { personId_channelId: { personId, channelId } },
    create: { personId, channelId, lastReadSeq: upTo },
    update: {},
  });
  await db().channelRead.updateMany({
    where: { personId, channelId, lastReadSeq: { lt: upTo } },
    data: { lastReadSeq: upTo },
  });
}
