import { randomUUID } from "node:crypto";
import { generalChannel } from "~/modules/channels/queries.server";
import { db } from "~/utils/db.server";

type Speaker = { id: string; organisationId: string; name: string };

const topics = [
  "Welcoming Ottawa Week: the library branches can host **three** evening sessions.",
  "Reminder: the settlement sector table meets on Thursday at *City Hall*, room 2.",
  "The newcomer youth survey closes on Friday — please share it with your networks.",
  "We have interpreters for Arabic, Dari and Tigrinya next week; ask us if you need one.",
  "Draft of the housing chapter is in the updates. Comments welcome before the 15th.",
  "Employment fair debrief:\n- 42 employers\n- 310 job seekers\n- 57 interviews booked",
  "Could someone share the link to the French-language orientation schedule?",
  "Here it is: [orientation schedule](https://ottawa.example/orientation).",
  "The health and wellbeing table wants to add a mental-health first aid workshop.",
  "Thanks all for a productive meeting today.",
];

/**
 * The Ottawa LIP's general channel: a few hundred messages over six weeks between the city's officer and the
 * CSO representative, a few threads, a mention that notified its reader, and a message a convener hid.
 */
export async function loadDemoChannel(lipId: string, officer: Speaker, csoRep: Speaker) {
  const channel = await generalChannel(lipId);
  const start = Date.now() - 42 * 24 * 60 * 60 * 1000;
  const count = 300;
  const rows: {
    id: string;
    seq: number;
    authorId: string;
    organisationId: string;
    parentId: string | null;
    body: string;
    createdAt: Date;
    hiddenAt?: Date;
    hiddenReason?: string;
    hiddenById?: string;
  }[] = [];
  for (let index = 0; index < count; index += 1) {
    const speaker = index % 3 === 0 ? csoRep : officer;
    const threadParent = index % 25 === 1 && rows.length > 0 ? rows[rows.length - 1]! : null;
    rows.push({
      id: randomUUID(),
      seq: index + 1,
      authorId: speaker.id,
      organisationId: speaker.organisationId,
      parentId: threadParent && threadParent.parentId === null ? threadParent.id : null,
      body:
        index === count - 5
          ? `@${csoRep.name}, could OCISC present the youth survey results at the next meeting?`
          : topics[index % topics.length]!,
      createdAt: new Date(start + index * 3.3 * 60 * 60 * 1000),
    });
  }
  const hidden = rows[count - 20]!;
  Object.assign(hidden, {
    body: "Buy cheap followers at example-spam.test!",
    hiddenAt: new Date(hidden.createdAt.getTime() + 60 * 60 * 1000),
    hiddenReason: "Advertising is not allowed in the partnership's channel.",
    hiddenById: officer.id,
  });
  const replies = new Map<string, number>();
  for (const row of rows) if (row.parentId) replies.set(row.parentId, (replies.get(row.parentId) ?? 0) + 1);
  await db().channelMessage.createMany({
    data: rows.map((row) => ({
      ...row,
      channelId: channel.id,
      clientKey: `demo-${row.seq}`,
      replyCount: replies.get(row.id) ?? 0,
    })),
  });
  await db().channelEvent.createMany({
    data: [
      ...rows.map((row) => ({ channelId: channel.id, seq: row.seq, kind: "posted", messageId: row.id })),
      { channelId: channel.id, seq: count + 1, kind: "hidden", messageId: hidden.id },
    ],
  });
  await db().channel.update({ where: { id: channel.id }, data: { lastSeq: count, lastEventSeq: count + 1 } });
  // The officer has read everything; the CSO representative is ten messages behind.
  await db().channelRead.createMany({
    data: [
      { personId: officer.id, channelId: channel.id, lastReadSeq: count },
      { personId: csoRep.id, channelId: channel.id, lastReadSeq: count - 10 },
    ],
  });
  const mention = rows[count - 5]!;
  await db().notification.create({
    data: {
      personId: csoRep.id,
      spaceId: lipId,
      message: "notifications.messages.channelMention",
      values: JSON.stringify({
        name: officer.name,
        channel: "General",
        space: "Ottawa Local Immigration Partnership",
      }),
      link: `/spaces/${lipId}/channels/${channel.id}#message-${mention.id}`,
    },
  });
}
