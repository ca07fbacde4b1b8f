import { db } from "~/utils/db.server";
import type { NotifyChoice } from "./schema";

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

/** How far the person had read the channel (0: never opened it). */
export async function readMark(personId: string, channelId: string): Promise<number> {
  const read = await db().channelRead.findUnique({
    where: { personId_channelId: { personId, channelId } },
    select: { lastReadSeq: true },
  });
  return read?.lastReadSeq ?? 0;
}

/** Marks every channel of the space read up to its latest message ("mark all read"). */
export async function markSpaceRead(personId: string, spaceId: string) {
  const channels = await db().channel.findMany({ where: { spaceId }, select: { id: true, lastSeq: true } });
  for (const channel of channels) await markRead(personId, channel.id, channel.lastSeq);
}

/** What the person chose to hear of the channel ("all" until they choose). */
export async function notifyPreference(personId: string, channelId: string): Promise<NotifyChoice> {
  const read = await db().channelRead.findUnique({
    where: { personId_channelId: { personId, channelId } },
    select: { notify: true },
  });
  return (read?.notify as NotifyChoice | undefined) ?? "all";
}

/** Sets what the person hears of the channel: all, mentions only, or nothing. */
export async function setNotifyPreference(personId: string, channelId: string, notify: NotifyChoice) {
  await db().channelRead.upsert({
    where: { personId_channelId: { personId, channelId } },
    create: { personId, channelId, notify },
    update: { notify },
  });
}
