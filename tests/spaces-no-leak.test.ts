import { io as connectSocket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { addQuestion, createConsultation, createSubmittedInput } from "./consultation-factories";
import { addMember, createPerson, defaultTestPassword } from "../prisma/factories/people";
import { addDelegate, createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";
import { routesUnder, urlOf, type WalkedRoute } from "./support/routes";
import { Browserless, startTestServer, type TestServer } from "./support/server";

/*
 * Reading a space one is not part of — or any of its updates, concerns, members or consultations — answers 404,
 * exactly as a space that does not exist: in pages, in single-fetch data requests (also when they ask for one
 * route's loader alone), in form posts and over sockets. That holds for an outsider and for every organisation
 * the space once knew but that takes no part in it now: removed, gone, declined, unverified — and invited but
 * not yet in, which sees its invitation (the space's overview and its own participation page) and nothing
 * else. The consultations are put to all of them by name (the "chosen" audience), which must not let any of
 * them in. The routes are read from app/routes when the test runs, so a new page is walked without anyone
 * adding it here.
 */

let server: TestServer;
/** What the URLs of the walked space take for each dynamic segment: that space's own rows. */
let params: Record<string, string>;
/** The same URLs for records that exist nowhere: what "not found" looks like. */
let missing: Record<string, string>;
let spaceId: string;
let channelId: string;
/** What only someone in the space may read: none of it may appear in an answer to anyone else. */
let secrets: string[];
/** What an invitation shows the invited organisation: the space, its mandate and its conveners. */
let invitation: string[];
const personas = [
  "an outsider",
  "the admin of an organisation that was removed",
  "the admin of an organisation that left",
  "the admin of an organisation that declined",
  "the admin of an organisation invited but not yet in",
  "the admin of an unverified participant",
] as const;
type Persona = (typeof personas)[number];
const invitedPersona: Persona = "the admin of an organisation invited but not yet in";
const people = {} as Record<Persona, Browserless>;
/** Each persona's own organisation's name, which the header of any page may show them. */
const ownNames = {} as Record<Persona, string>;

beforeAll(async () => {
  server = await startTestServer();
  const { space, convener, focalPoint } = await createConvenedSpace({
    space: { title: "Closed working group on returns", mandate: "A mandate only its members read." },
    convener: { name: "Ministry of Closed Doors" },
  });
  spaceId = space.id;
  const { organisation, admin } = await createParticipantOrganisation(space.id, "EMPOWER", {
    organisation: { name: "Active Partner Association" },
  });
  const update = await db().spaceUpdate.create({
    data: {
      spaceId: space.id,
      kind: "document",
      title: "Settlement priorities 2026",
      fileName: "priorities.pdf",
      fileKey: "missing/priorities.pdf",
      fileSize: 10,
      fileType: "application/pdf",
      authorId: focalPoint.id,
      organisationId: convener.id,
    },
  });
  const concern = await db().concern.create({
    data: {
      spaceId: space.id,
      organisationId: organisation.id,
      raisedById: admin.id,
      text: "Waiting lists",
      theme: "housing",
    },
  });
  const request = await db().levelRequest.create({
    data: {
      spaceId: space.id,
      organisationId: organisation.id,
      requestedLevel: "EMPOWER",
      reason: "We co-fund",
      requestedById: admin.id,
    },
  });
  // The space's channel (issue 11): a topic channel and a message in it.
  const channel = await db().channel.create({
    data: { spaceId: space.id, title: "Returns casework table", openedById: focalPoint.id },
  });
  await db().channel.update({ where: { id: channel.id }, data: { lastSeq: 1, lastEventSeq: 1 } });
  const message = await db().channelMessage.create({
    data: {
      channelId: channel.id,
      seq: 1,
      authorId: admin.id,
      organisationId: organisation.id,
      body: "A channel message only the partners read.",
      clientKey: "no-leak-key-0001",
    },
  });
  await db().channelEvent.create({
    data: { channelId: channel.id, seq: 1, kind: "posted", messageId: message.id },
  });
  channelId = channel.id;
  const participant = await db().spaceParticipant.findFirstOrThrow({
    where: { spaceId: space.id, organisationId: organisation.id },
  });

  // An outsider: admin of a verified organisation that convenes a space of its own, but is not in this one.
  const outsider = await createPerson();
  const { convener: theirs } = await createConvenedSpace({ convener: { name: "Ministry Elsewhere" } });
  await addMember(outsider.id, theirs.id, { role: "admin" });
  // Organisations the space once knew: removed by a convener, gone of their own accord, declined, invited
  // and not yet answering, still awaiting verification. The removed and gone ones keep a lead delegate (as
  // if their release had failed) so nothing but their status decides.
  const removed = await createParticipantOrganisation(space.id, "COLLABORATE", {
    status: "left",
    organisation: { name: "Removed Network" },
  });
  await db().levelChange.create({
    data: {
      spaceId: space.id,
      organisationId: removed.organisation.id,
      fromLevel: "COLLABORATE",
      kind: "removed",
      rationale: "Repeated breaches of the terms of reference.",
      changedById: focalPoint.id,
    },
  });
  const formerly = await createParticipantOrganisation(space.id, "INVOLVE", {
    status: "left",
    organisation: { name: "Former Member Union" },
  });
  const declined = await createParticipantOrganisation(space.id, "CONSULT", {
    status: "declined",
    organisation: { name: "Declining Diaspora Forum" },
  });
  const invited = await createParticipantOrganisation(space.id, "CONSULT", {
    status: "invited",
    organisation: { name: "Invited Employers Club" },
  });
  const unverified = await createParticipantOrganisation(space.id, "COLLABORATE", {
    organisation: { verificationStatus: "pending", name: "Unverified Collective" },
  });
  for (const gone of [removed, formerly])
    await addDelegate(space.id, gone.organisation.id, gone.admin.id, true);

  // Consultations put to every one of them by name, one open and one with its feedback published; the
  // removed organisation answered the open one while it was still in.
  const everyone = [organisation, removed.organisation, formerly.organisation, declined.organisation];
  const chosen = [...everyone, invited.organisation, unverified.organisation].map(({ id }) => id);
  const open = await createConsultation(space.id, focalPoint.id, {
    title: "Closed consultation on return counselling",
    purpose: "A purpose only the chosen read.",
    audience: "chosen",
    organisationIds: chosen,
    status: "open",
  });
  const question = await addQuestion(open.id, "long_text", { prompt: "What should counselling cover?" });
  const input = await createSubmittedInput(open.id, removed.organisation.id, removed.admin.id, {
    [question.id]: "Legal advice before any decision.",
  });
  const day = 24 * 60 * 60 * 1000;
  const published = await createConsultation(space.id, focalPoint.id, {
    title: "Published consultation on reintegration grants",
    audience: "chosen",
    organisationIds: chosen,
    status: "published",
    closesAt: new Date(Date.now() - 2 * day),
    closedAt: new Date(Date.now() - 2 * day),
    publishedAt: new Date(Date.now() - day),
  });

  // Its action plan (issue 10): a goal, an action the active partner leads, and a progress report.
  const plan = await db().actionPlan.create({
    data: {
      spaceId: space.id,
      title: "Closed plan on return counselling",
      periodFrom: new Date("2027-01-01"),
      periodTo: new Date("2027-12-31"),
      createdById: focalPoint.id,
    },
  });
  const goal = await db().planGoal.create({
    data: { planId: plan.id, domain: "civic_participation", title: "A goal only members read", position: 1 },
  });
  const planAction = await db().planAction.create({
    data: {
      planId: plan.id,
      goalId: goal.id,
      position: 1,
      title: "An action only members read",
      leadOrganisationId: organisation.id,
      startDate: new Date("2027-01-01"),
      dueDate: new Date("2027-06-30"),
    },
  });
  const progressReport = await db().progressReport.create({
    data: {
      actionId: planAction.id,
      organisationId: organisation.id,
      authorId: admin.id,
      periodFrom: new Date("2027-01-01"),
      periodTo: new Date("2027-03-31"),
      text: "A progress report only members read",
      percent: 10,
      proposedStatus: "on_track",
    },
  });

  params = {
    spaceId: space.id,
    goalId: goal.id,
    actionId: planAction.id,
    updateId: update.id,
    concernId: concern.id,
    requestId: request.id,
    levelRequestId: request.id,
    organisationId: organisation.id,
    participantId: participant.id,
    personId: admin.id,
    consultationId: open.id,
    submissionId: input.id,
    questionId: question.id,
    channelId: channel.id,
  };
  missing = { ...params, spaceId: "no-such-space", consultationId: "no-such-consultation" };
  params.publishedConsultationId = published.id;
  invitation = [space.title, space.mandate, convener.name];
  secrets = [
    ...invitation,
    update.title,
    concern.text,
    request.reason,
    organisation.name,
    removed.organisation.name,
    "Repeated breaches of the terms of reference.",
    formerly.organisation.name,
    declined.organisation.name,
    invited.organisation.name,
    unverified.organisation.name,
    open.title,
    open.purpose,
    question.prompt,
    "Legal advice before any decision.",
    published.title,
    plan.title,
    goal.title,
    planAction.title,
    progressReport.text,
    channel.title,
    message.body,
  ];

  const accounts: Record<Persona, { person: { email: string }; organisationName: string }> = {
    "an outsider": { person: outsider, organisationName: theirs.name },
    "the admin of an organisation that was removed": {
      person: removed.admin,
      organisationName: removed.organisation.name,
    },
    "the admin of an organisation that left": {
      person: formerly.admin,
      organisationName: formerly.organisation.name,
    },
    "the admin of an organisation that declined": {
      person: declined.admin,
      organisationName: declined.organisation.name,
    },
    [invitedPersona]: { person: invited.admin, organisationName: invited.organisation.name },
    "the admin of an unverified participant": {
      person: unverified.admin,
      organisationName: unverified.organisation.name,
    },
  };
  for (const persona of personas) {
    const { person, organisationName } = accounts[persona];
    people[persona] = await Browserless.signedIn(server.origin, person.email, defaultTestPassword);
    ownNames[persona] = organisationName;
  }
});
afterAll(async () => {
  await server.close();
});

type Probe = {
  name: string;
  send: (client: Browserless, url: string, route: WalkedRoute) => Promise<Response>;
};

const probes: Probe[] = [
  { name: "GET the page", send: (client, url) => client.get(url) },
  { name: "GET the data", send: (client, url) => client.get(`${url}.data`) },
  {
    name: "GET the route's loader alone",
    send: (client, url, route) => client.get(`${url}.data?${new URLSearchParams({ _routes: route.id })}`),
  },
  {
    name: "POST an empty form",
    // A form posts to an index route with ?index, and to its layout without.
    send: (client, url, route) => client.post(route.file.includes("._index.") ? `${url}?index` : url, {}),
  },
];

const spaceRoutes = routesUnder("spaces", "spaceId");
const consultationRoutes = routesUnder("consultations", "consultationId");
/** The space pages that show an invited organisation its invitation: the layout, the overview, its participation. */
const invitationPages = [
  "spaces.$spaceId.tsx",
  "spaces.$spaceId._index.tsx",
  "spaces.$spaceId.participation.tsx",
];

describe("the walk", () => {
  it("finds the space and consultation pages", () => {
    expect(spaceRoutes.map((route) => route.file)).toEqual(
      expect.arrayContaining([
        "spaces.$spaceId.tsx",
        "spaces.$spaceId.audit.tsx",
        "spaces.$spaceId.engagement.tsx",
        "spaces.$spaceId.plan.tsx",
        "spaces.$spaceId.plan_.actions.$actionId.tsx",
        "spaces.$spaceId.plan_.actions.$actionId_.edit.tsx",
        "spaces.$spaceId.plan_.goals.$goalId.tsx",
        "spaces.$spaceId.channels._index.tsx",
        "spaces.$spaceId.channels.$channelId.tsx",
        ...invitationPages,
      ]),
    );
    expect(consultationRoutes.map((route) => route.file)).toEqual(
      expect.arrayContaining([
        "consultations.$consultationId.tsx",
        "consultations.$consultationId.respond.tsx",
        "consultations.$consultationId.results.tsx",
        "consultations.$consultationId.export[.]csv.tsx",
      ]),
    );
    expect(
      urlOf(
        consultationRoutes.find((route) => route.file.includes("csv"))!,
        { consultationId: "c" },
      ),
    ).toBe("/consultations/c/export.csv");
  });
});

describe.each(personas)("for %s", (person) => {
  it.each(probes.map((probe) => [probe.name, probe] as const))(
    "%s of every space and consultation route answers 404, as for records that do not exist",
    async (_name, probe) => {
      const client = people[person];
      const mayNotRead = secrets.filter((secret) => secret !== ownNames[person]);
      const leaks: string[] = [];
      const walk = [
        ...spaceRoutes.map((route) => ({ route, values: params })),
        ...consultationRoutes.flatMap((route) => [
          { route, values: params },
          { route, values: { ...params, consultationId: params.publishedConsultationId! } },
        ]),
      ];
      for (const { route, values } of walk) {
        const url = urlOf(route, values);
        const response = await probe.send(client, url, route);
        const body = await response.text();
        const notFound = await probe.send(client, urlOf(route, missing), route);
        await notFound.text();
        const invitedTo = person === invitedPersona && route.file.startsWith("spaces.");
        const showsInvitation = invitedTo && invitationPages.includes(route.file);
        // A route without an action refuses posts the same way for every space (405); all else must be 404 —
        // but for the pages of an invitation, which its organisation reads and may not post empty forms to.
        const expected = showsInvitation
          ? probe.name.startsWith("POST")
            ? response.status >= 400 && response.status < 500
            : response.status === 200
          : response.status === (probe.name.startsWith("POST") && !route.hasAction ? notFound.status : 404);
        // Every space page of an invited organisation keeps the layout that shows its invitation.
        const told = (
          invitedTo ? mayNotRead.filter((secret) => !invitation.includes(secret)) : mayNotRead
        ).filter((secret) => body.includes(secret));
        if (!expected || told.length > 0)
          leaks.push(`${route.file}: ${probe.name} ${url} answered ${response.status} ${told.join(", ")}`);
      }
      expect(leaks).toEqual([]);
    },
  );

  it("may not watch the space's live changes (not found, as for a space that does not exist)", async () => {
    const socket = connectSocket(server.origin.replace("localhost", "127.0.0.1"), {
      transports: ["websocket"],
      extraHeaders: { cookie: people[person].cookieHeader(), origin: server.origin },
      forceNew: true,
      reconnection: false,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
      const answer = await socket.timeout(3_000).emitWithAck("space:watch", { spaceId });
      expect(answer).toEqual({ ok: false, error: "not-found" });
      const none = await socket.timeout(3_000).emitWithAck("space:watch", { spaceId: "no-such-space" });
      expect(none).toEqual({ ok: false, error: "not-found" });
      // Nor join, read or post in its channel (issue 11).
      for (const [event, payload] of [
        ["channel:join", { channelId }],
        ["channel:catch-up", { channelId, after: 0 }],
        ["channel:send", { channelId, clientKey: "no-leak-key-0002", body: "Let me in" }],
        ["channel:mark-read", { channelId, seq: 1 }],
      ] as const)
        expect(await socket.timeout(3_000).emitWithAck(event, payload)).toEqual({
          ok: false,
          error: "not-found",
        });
    } finally {
      socket.disconnect();
    }
  });
});
