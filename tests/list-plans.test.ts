// Every query a list page runs, with the parameters a real page sends (its first page, a page after a cursor
// and one before it, with the filters people use), read by the database's planner: a list query must walk an
// index, never read a table from end to end or sort what it read (docs/decisions/0021-keyset-lists.md). On
// SQLite and, with CONCORD_TEST_DATABASE=postgres, on PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { auditTrailList, spaceAuditTrail } from "~/modules/audit/queries.server";
import { actorForPerson } from "~/modules/auth/session.server";
import { listOwnSessions, sessionsList } from "~/modules/auth/sessions.server";
import type { Actor } from "~/modules/authorization/actor";
import {
  answeredConcernsList,
  concernRegister,
  waitingConcernsList,
} from "~/modules/concerns/queries.server";
import { invitationsList, invitationsOf } from "~/modules/invitations/queries.server";
import {
  notificationsList,
  notificationsOf,
  unreadNotificationCount,
} from "~/modules/notifications/queries.server";
import {
  organisationForViewer,
  organisationsOf,
  ownOrganisationsList,
} from "~/modules/organisations/queries.server";
import {
  levelHistoryList,
  levelHistoryOf,
  participantsList,
  participantsOf,
} from "~/modules/participation/queries.server";
import {
  organisationsForReview,
  renameQueueList,
  statusQueueList,
} from "~/modules/registration/queries.server";
import { loadSpaceResource } from "~/modules/spaces/access.server";
import { spaceConsultationPage, spaceConsultationsList } from "~/modules/spaces/consultations.server";
import type { ConcernFilter } from "~/modules/concerns/schema";
import type { SpaceResource } from "~/modules/spaces/policy";
import type { DirectoryFilter } from "~/modules/spaces/schema";
import { directoryList, spaceDirectory, spacesOfOrganisation } from "~/modules/spaces/queries.server";
import { spaceUpdates, updatesList } from "~/modules/updates/queries.server";
import {
  channelMessages,
  channelMessagesList,
  channelsWithUnread,
  eventsAfter,
  generalChannel,
  thread,
} from "~/modules/channels/queries.server";
import { db } from "~/utils/db.server";
import type { Cursor, KeysetList } from "~/utils/keyset.server";
import { addMember, createOrganisation } from "../prisma/factories/people";
import { createConvenedSpace, createParticipantOrganisation, createSpace } from "../prisma/factories/spaces";
import { planProblems, selectsOf } from "./support/query-plans";

const day = 24 * 60 * 60 * 1000;
const at = (index: number) => new Date(Date.UTC(2026, 0, 1) + index * 60_000);
const rows = 12;

type Seeded = {
  channelId: string;
  threadId: string;
  convenerActor: Actor;
  participantActor: Actor;
  spaceAsConvener: SpaceResource;
  spaceAsParticipant: SpaceResource;
  spaceId: string;
  convenerId: string;
  convenerPersonId: string;
};
let seeded: Seeded;

beforeAll(async () => {
  const { space, convener, focalPoint } = await createConvenedSpace();
  // A second organisation of the focal point convenes spaces too: the directory merges two organisations.
  const ministry = await createOrganisation({ type: "national_ministry", name: "Ministry of Labour" });
  await addMember(focalPoint.id, ministry.id, { role: "admin" });
  for (let index = 0; index < 3; index++) {
    await createSpace({
      convenerOrganisationId: ministry.id,
      createdById: focalPoint.id,
      themes: ["housing"],
    });
  }
  const { organisation: partner, admin: partnerAdmin } = await createParticipantOrganisation(
    space.id,
    "INVOLVE",
  );
  const others = await Promise.all(
    Array.from({ length: 4 }, (_, index) =>
      createParticipantOrganisation(space.id, "CONSULT", { status: index === 0 ? "invited" : "active" }),
    ),
  );
  await db().spaceUpdate.createMany({
    data: Array.from({ length: rows }, (_, index) => ({
      spaceId: space.id,
      kind: "announcement",
      title: `Update ${index}`,
      body: "",
      authorId: focalPoint.id,
      organisationId: convener.id,
      createdAt: at(index),
    })),
  });
  await db().notification.createMany({
    data: Array.from({ length: rows }, (_, index) => ({
      personId: focalPoint.id,
      spaceId: space.id,
      message: "notifications.messages.update",
      link: `/spaces/${space.id}/updates`,
      readAt: index % 2 ? at(index) : null,
      createdAt: at(index),
    })),
  });
  await db().concern.createMany({
    data: Array.from({ length: rows }, (_, index) => ({
      spaceId: space.id,
      organisationId: partner.id,
      raisedById: partnerAdmin.id,
      text: `Concern ${index}`,
      theme: index % 2 ? "housing" : "settlement",
      status: index % 3 ? "open" : "answered",
      answer: index % 3 ? null : "Answered",
      answeredById: index % 3 ? null : focalPoint.id,
      answeredAt: index % 3 ? null : at(index + 100),
      createdAt: at(index),
    })),
  });
  // A channel with messages, replies (a thread), events and a reaction.
  const channel = await generalChannel(space.id);
  const messages = Array.from({ length: rows }, (_, index) => ({
    id: `plan-message-${space.id}-${index}`,
    channelId: channel.id,
    seq: index + 1,
    authorId: focalPoint.id,
    organisationId: convener.id,
    parentId: index > 6 ? `plan-message-${space.id}-0` : null,
    body: `Message ${index}`,
    clientKey: `plan-key-${index}`,
    createdAt: at(index),
  }));
  await db().channelMessage.create({ data: { ...messages[0]!, replyCount: rows - 7 } });
  await db().channelMessage.createMany({ data: messages.slice(1) });
  await db().channelEvent.createMany({
    data: messages.map((message) => ({
      channelId: channel.id,
      seq: message.seq,
      kind: "posted",
      messageId: message.id,
    })),
  });
  await db().channel.update({ where: { id: channel.id }, data: { lastSeq: rows, lastEventSeq: rows } });
  await db().channelReaction.create({
    data: { messageId: messages[0]!.id, personId: focalPoint.id, emoji: "👍" },
  });
  await db().auditEvent.createMany({
    data: Array.from({ length: rows }, (_, index) => ({
      actorId: focalPoint.id,
      organisationId: convener.id,
      spaceId: space.id,
      action: "space-update.published",
      subjectType: "space-update",
      subjectId: `update-${index}`,
      createdAt: at(index),
    })),
  });
  await db().levelChange.createMany({
    data: others.map(({ organisation }, index) => ({
      spaceId: space.id,
      organisationId: organisation.id,
      toLevel: "CONSULT",
      kind: index === 0 ? "invited" : "joined",
      changedById: focalPoint.id,
      createdAt: at(index),
    })),
  });
  for (let index = 0; index < 3; index++) {
    await db().consultation.create({
      data: {
        spaceId: space.id,
        title: `Consultation ${index}`,
        purpose: "What should change?",
        status: index === 0 ? "draft" : "open",
        closesAt: new Date(Date.now() + 30 * day),
        feedbackDueAt: new Date(Date.now() + 60 * day),
        createdById: focalPoint.id,
        createdAt: at(index),
      },
    });
  }
  await db().invitation.createMany({
    data: Array.from({ length: rows }, (_, index) => ({
      organisationId: convener.id,
      email: `invitee${index}-${convener.id}@example.org`,
      tokenHash: `plan-test-${convener.id}-${index}`,
      invitedById: focalPoint.id,
      expiresAt: new Date(Date.now() + 7 * day),
      createdAt: at(index),
    })),
  });
  await db().session.createMany({
    data: Array.from({ length: 3 }, (_, index) => ({
      id: `plan-test-session-${focalPoint.id}-${index}`,
      userId: focalPoint.id,
      expiresAt: new Date(Date.now() + day),
      createdAt: at(index),
    })),
  });
  const pending = await createOrganisation({ verificationStatus: "pending" });
  await db().organisation.update({
    where: { id: pending.id },
    data: { requestedName: `${pending.name} renamed`, nameRequestedAt: at(1) },
  });
  const convenerActor = (await actorForPerson(focalPoint.id))!;
  const participantActor = (await actorForPerson(partnerAdmin.id))!;
  seeded = {
    channelId: channel.id,
    threadId: messages[0]!.id,
    convenerActor,
    participantActor,
    spaceAsConvener: (await loadSpaceResource(convenerActor, space.id))!,
    spaceAsParticipant: (await loadSpaceResource(participantActor, space.id))!,
    spaceId: space.id,
    convenerId: convener.id,
    convenerPersonId: focalPoint.id,
  };
});

/** A list page's URL: its first page, or the page after or before a row with these key values. */
function pageUrl<Where>(
  list: KeysetList<Where>,
  position: { direction: Cursor["direction"]; values: Cursor["values"] } | null,
  search: Record<string, string> = {},
) {
  const url = new URL("http://concord.test/list");
  for (const [name, value] of Object.entries(search)) url.searchParams.set(name, value);
  if (position) url.searchParams.set(list.parameter, list.encode(position));
  return url;
}

/** The first page, a page after `values` and a page before them, with the given search parameters. */
function positions<Where>(
  list: KeysetList<Where>,
  values: Cursor["values"],
  search: Record<string, string> = {},
) {
  return [
    pageUrl(list, null, search),
    pageUrl(list, { direction: "after", values }, search),
    pageUrl(list, { direction: "before", values }, search),
  ];
}

const id = "cm0000000000000000000000z";
const directoryFilters: DirectoryFilter[] = [{}, { kind: "thematic_table" }, { theme: "housing" }];
const concernFilters: ConcernFilter[] = [
  {},
  { status: "open" },
  { status: "answered" },
  { theme: "housing" },
];
/** The search parameters a filter form sends for `filter`. */
const searchOf = (filter: object) => Object.fromEntries(Object.entries(filter)) as Record<string, string>;
const timeKey = [at(5), id];

async function expectIndexWalks(name: string, run: () => Promise<unknown>) {
  const statements = await selectsOf(run);
  expect(statements.length, `${name} ran no SELECT`).toBeGreaterThan(0);
  for (const statement of statements) {
    expect(await planProblems(statement), `${name}: ${statement.sql}`).toEqual([]);
  }
}

describe("the plan check", () => {
  it("notices a table read end to end and rows sorted after reading", async () => {
    const [statement] = await selectsOf(() =>
      db().spaceUpdate.findMany({ orderBy: { title: "asc" }, take: 5, select: { id: true } }),
    );
    const problems = await planProblems(statement!);
    expect(problems.some((problem) => /SCAN|Seq Scan/.test(problem))).toBe(true);
    expect(problems.some((problem) => /TEMP B-TREE|Sort/.test(problem))).toBe(true);
  });
});

describe("every list query walks an index", () => {
  it("the space's updates", async () => {
    for (const url of positions(updatesList, timeKey))
      await expectIndexWalks("updates", () => spaceUpdates(seeded.spaceId, url));
  });

  it("a channel's messages, a thread, the catch-up and the unread counts", async () => {
    for (const url of positions(channelMessagesList, [5]))
      await expectIndexWalks("channel messages", () => channelMessages(seeded.channelId, url));
    await expectIndexWalks("thread", () => thread(seeded.channelId, seeded.threadId));
    await expectIndexWalks("catch-up", () => eventsAfter(seeded.channelId, 3));
    await expectIndexWalks("unread", () => channelsWithUnread(seeded.spaceId, seeded.convenerPersonId));
  });

  it("the spaces directory, for one organisation and for two, with and without filters", async () => {
    const titleKey = ["Working group 5", id];
    for (const actor of [seeded.participantActor, seeded.convenerActor]) {
      for (const filter of directoryFilters) {
        for (const url of positions(directoryList, titleKey, searchOf(filter)))
          await expectIndexWalks(`directory ${JSON.stringify(filter)}`, () =>
            spaceDirectory(actor, filter, url),
          );
      }
    }
  });

  it("the spaces of an organisation, on its page", async () => {
    await expectIndexWalks("organisation's spaces", () =>
      spacesOfOrganisation(seeded.convenerActor, seeded.convenerId),
    );
  });

  it("a person's organisations", async () => {
    for (const url of positions(ownOrganisationsList, timeKey))
      await expectIndexWalks("organisations", () => organisationsOf(seeded.convenerActor, url));
  });

  it("the administrators' queues", async () => {
    for (const url of positions(statusQueueList, timeKey))
      await expectIndexWalks("pending queue", () => organisationsForReview("pending", url));
    for (const url of positions(renameQueueList, timeKey))
      await expectIndexWalks("rename queue", () => organisationsForReview("renames", url));
  });

  it("a person's notifications and the header's unread count", async () => {
    for (const url of positions(notificationsList, timeKey))
      await expectIndexWalks("notifications", () => notificationsOf(seeded.convenerPersonId, url));
    await expectIndexWalks("unread count", () => unreadNotificationCount(seeded.convenerPersonId));
  });

  it("the participants and the level history, as a convener and as a participant sees them", async () => {
    const views = [
      [seeded.convenerActor, seeded.spaceAsConvener],
      [seeded.participantActor, seeded.spaceAsParticipant],
    ] as const;
    for (const [actor, space] of views) {
      for (const url of positions(participantsList, ["participant", "Community Organisation 5", id]))
        await expectIndexWalks("participants", () => participantsOf(actor, space, url));
      for (const url of positions(levelHistoryList, timeKey))
        await expectIndexWalks("level history", () => levelHistoryOf(actor, space, url));
    }
  });

  it("the concern register, both of its lists, filtered or not", async () => {
    for (const filter of concernFilters) {
      for (const list of [waitingConcernsList, answeredConcernsList])
        for (const url of positions(list, timeKey, searchOf(filter)))
          await expectIndexWalks(`concerns ${JSON.stringify(filter)}`, () =>
            concernRegister(seeded.spaceId, filter, url),
          );
    }
  });

  it("the audit trail", async () => {
    for (const url of positions(auditTrailList, timeKey))
      await expectIndexWalks("audit trail", () => spaceAuditTrail(seeded.spaceId, url));
  });

  it("the space's consultations, with drafts for the conveners and without", async () => {
    for (const includeDrafts of [true, false])
      for (const url of positions(spaceConsultationsList, timeKey))
        await expectIndexWalks("consultations", () =>
          spaceConsultationPage(seeded.spaceId, url, { includeDrafts }),
        );
  });

  it("an organisation's invitations and a person's sessions", async () => {
    const organisation = (await organisationForViewer(seeded.convenerActor, seeded.convenerId))!;
    for (const url of positions(invitationsList, timeKey))
      await expectIndexWalks("invitations", () => invitationsOf(seeded.convenerActor, organisation, url));
    for (const url of positions(sessionsList, timeKey))
      await expectIndexWalks("sessions", () => listOwnSessions(seeded.convenerActor, url));
  });
});
