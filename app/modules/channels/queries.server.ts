import type { Prisma } from "~/generated/prisma/client";
import { db, type Tx } from "~/utils/db.server";
import { keysetList } from "~/utils/keyset.server";
import { notFound } from "~/utils/errors";
import { catchUpPageSize, type CatchUp, type ChannelEventKind, type MessageView } from "./schema";

export const generalChannelKey = "general";

export const messageColumns = {
  id: true,
  seq: true,
  parentId: true,
  body: true,
  editedAt: true,
  deletedAt: true,
  hiddenAt: true,
  hiddenReason: true,
  createdAt: true,
  author: { select: { id: true, name: true } },
  organisation: { select: { name: true } },
  replyCount: true,
  reactions: { select: { emoji: true, personId: true } },
} satisfies Prisma.ChannelMessageSelect;

type MessageRow = Prisma.ChannelMessageGetPayload<{ select: typeof messageColumns }>;

const present = (state: MessageView["state"]) => state === "shown" || state === "edited";

function groupReactions(rows: { emoji: string; personId: string }[]): MessageView["reactions"] {
  const byEmoji = new Map<string, string[]>();
  for (const row of rows) byEmoji.set(row.emoji, [...(byEmoji.get(row.emoji) ?? []), row.personId]);
  return [...byEmoji].map(([emoji, personIds]) => ({ emoji, personIds }));
}

export function messageView(row: MessageRow): MessageView {
  const state = row.hiddenAt ? "hidden" : row.deletedAt ? "deleted" : row.editedAt ? "edited" : "shown";
  return {
    id: row.id,
    seq: row.seq,
    parentId: row.parentId,
    author: row.author,
    organisation: row.organisation.name,
    body: state === "hidden" || state === "deleted" ? null : row.body,
    state,
    hiddenReason: state === "hidden" ? row.hiddenReason : null,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    replyCount: row.replyCount,
    reactions: present(state) ? groupReactions(row.reactions) : [],
  };
}

/**
 * The space's general channel, made on first use (the migration made one for every space that existed).
 * Two first uses at once both end with the same channel: the second insert loses on (spaceId, key).
 */
export async function generalChannel(spaceId: string) {
  const found = await db().channel.findUnique({
    where: { spaceId_key: { spaceId, key: generalChannelKey } },
  });
  if (found) return found;
  try {
    return await db().channel.create({ data: { spaceId, key: generalChannelKey, title: "General" } });
  } catch {
    return db().channel.findUniqueOrThrow({ where: { spaceId_key: { spaceId, key: generalChannelKey } } });
  }
}

/** A channel of the space, or 404. */
export async function channelOfSpace(spaceId: string, channelId: string, client: Tx = db()) {
  const channel = await client.channel.findFirst({ where: { id: channelId, spaceId } });
  if (!channel) notFound();
  return channel;
}

/** The space's channels, the general one first, each with how many messages the person has not read. */
export async function channelsWithUnread(spaceId: string, personId: string) {
  await generalChannel(spaceId);
  const channels = await db().channel.findMany({
    where: { spaceId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      key: true,
      title: true,
      lastSeq: true,
      reads: { where: { personId }, select: { lastReadSeq: true, notify: true } },
    },
  });
  return channels
    .map(({ reads, ...channel }) => ({
      ...channel,
      unread: Math.max(0, channel.lastSeq - (reads[0]?.lastReadSeq ?? 0)),
      notify: reads[0]?.notify ?? "all",
    }))
    .sort((a, b) => Number(b.key === generalChannelKey) - Number(a.key === generalChannelKey));
}

/** The channel's messages (not thread replies), newest first in pages; the page shows them oldest at the top. */
export const channelMessagesList = keysetList<Prisma.ChannelMessageWhereInput>({
  name: "channel-messages",
  parameter: "before",
  pageSize: 50,
  keys: [{ field: "seq", order: "desc", type: "number" }],
});

export async function channelMessages(channelId: string, url: URL) {
  const page = await channelMessagesList.findPage(url, (query) =>
    db().channelMessage.findMany({
      where: { AND: [{ channelId, parentId: null }, query.where] },
      orderBy: query.orderBy,
      take: query.take,
      select: messageColumns,
    }),
  );
  return { links: page.links, messages: page.rows.map(messageView).reverse() };
}

/** A message's thread: the message and its replies in order (at most 500: a thread is a conversation). */
export async function thread(channelId: string, messageId: string) {
  const parent = await db().channelMessage.findFirst({
    where: { id: messageId, channelId, parentId: null },
    select: messageColumns,
  });
  if (!parent) return null;
  const replies = await db().channelMessage.findMany({
    where: { parentId: parent.id },
    orderBy: { seq: "asc" },
    take: 500,
    select: messageColumns,
  });
  return { parent: messageView(parent), replies: replies.map(messageView) };
}

/**
 * Every change to the channel after event `after`, in order, each with the current state of its message, and
 * whether there are more (the client asks again from the last one). Applying them in order, keeping the latest
 * version of each message by id, gives exactly what the channel holds now.
 */
export async function eventsAfter(channelId: string, after: number): Promise<CatchUp> {
  const [channel, events] = await Promise.all([
    db().channel.findUniqueOrThrow({ where: { id: channelId }, select: { lastEventSeq: true } }),
    db().channelEvent.findMany({
      where: { channelId, seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: catchUpPageSize + 1,
      select: {
        seq: true,
        kind: true,
        message: { select: { ...messageColumns, parent: { select: messageColumns } } },
      },
    }),
  ]);
  const taken = events.slice(0, catchUpPageSize);
  return {
    events: taken.map((event) => ({
      seq: event.seq,
      kind: event.kind as ChannelEventKind,
      message: messageView(event.message),
      // A reply changes its thread's count: the thread's message comes along, as it is now.
      ...(event.message.parent ? { parent: messageView(event.message.parent) } : {}),
    })),
    lastEventSeq: taken.at(-1)?.seq ?? Math.max(after, channel.lastEventSeq),
    more: events.length > catchUpPageSize,
  };
}

/** How many messages of the space's channels the person has not read, in all. */
export async function unreadInSpace(spaceId: string, personId: string, exceptChannelId?: string) {
  const channels = await channelsWithUnread(spaceId, personId);
  // Only the channels the person hears everything of count in the navigation.
  return channels.reduce(
    (sum, channel) => sum + (channel.id === exceptChannelId || channel.notify !== "all" ? 0 : channel.unread),
    0,
  );
}
