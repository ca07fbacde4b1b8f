import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { levels, type Level } from "~/modules/engagement/levels";
import { db } from "~/utils/db.server";
import { addQuestion, createConsultation } from "./consultation-factories";
import { addMember, createOrganisation, createPerson } from "../prisma/factories/people";
import { addDelegate, addParticipant, createConvenedSpace } from "../prisma/factories/spaces";
import { routesUnder, urlOf } from "./support/routes";
import { generalChannel } from "~/modules/channels/queries.server";
import { Browserless, startTestServer, type TestServer } from "./support/server";

/*
 * Every page of a space, and of its consultations, shows a participant the same organisations: those taking
 * part now (and the record of those that took part before) — never an invitation that is pending or was
 * declined, nor the messages between the conveners and an invited organisation, nor another organisation's
 * request for a higher level. The conveners see all of it. The pages are read from app/routes, so a new page
 * is checked without anyone adding it here.
 */

let server: TestServer;
let convener: Browserless;
let params: Record<string, string>;
const participants = {} as Record<Level, { client: Browserless; name: string }>;
const hidden = {
  pendingName: "Pending Invitee Collective",
  pendingMessage: "A word for the invitee alone: we hope you join.",
  amendedMessage: "We amended your invitation to Involve.",
  declinedName: "Declining Settlement Network",
  declinedMessage: "A word for the declining network alone.",
  requestReason: "Our reason for Empower, for the conveners alone.",
};

beforeAll(async () => {
  server = await startTestServer();
  const {
    space,
    convener: ministry,
    focalPoint,
  } = await createConvenedSpace({
    convener: { name: "Ministry of Open Doors" },
  });
  convener = await Browserless.signedIn(server.origin, focalPoint.email);
  for (const level of levels) {
    const organisation = await createOrganisation({ type: "cso", name: `Participant at ${level}` });
    const admin = await createPerson();
    await addMember(admin.id, organisation.id, { role: "admin" });
    await addParticipant(space.id, organisation.id, level, { changedById: admin.id });
    await addDelegate(space.id, organisation.id, admin.id, true);
    participants[level] = {
      client: await Browserless.signedIn(server.origin, admin.email),
      name: organisation.name,
    };
  }

  // Through the conveners' and participants' own forms: an invitation still pending (and amended), one declined,
  // a request for a higher level.
  const pending = await createOrganisation({ type: "cso", name: hidden.pendingName });
  const declining = await createOrganisation({ type: "cso", name: hidden.declinedName });
  const decliner = await createPerson();
  await addMember(decliner.id, declining.id, { role: "admin" });
  const participantsPage = `/spaces/${space.id}/participants`;
  const invite = (organisationId: string, message: string) =>
    convener.post(participantsPage, { intent: "invite", organisationId, level: "CONSULT", message });
  expect((await invite(pending.id, hidden.pendingMessage)).status).toBe(302);
  const amended = await convener.post(participantsPage, {
    intent: "change-level",
    organisationId: pending.id,
    level: "INVOLVE",
    rationale: hidden.amendedMessage,
  });
  expect(amended.status).toBe(302);
  expect((await invite(declining.id, hidden.declinedMessage)).status).toBe(302);
  const declinerClient = await Browserless.signedIn(server.origin, decliner.email);
  const declined = await declinerClient.post(`/spaces/${space.id}/participation`, {
    intent: "respond",
    organisationId: declining.id,
    response: "decline",
  });
  expect(declined.status).toBe(302);
  const requested = await participants.INVOLVE.client.post(`/spaces/${space.id}/participation`, {
    intent: "request-level",
    organisationId: (await db().organisation.findFirstOrThrow({ where: { name: "Participant at INVOLVE" } }))
      .id,
    level: "EMPOWER",
    reason: hidden.requestReason,
  });
  expect(requested.status).toBe(302);

  const update = await db().spaceUpdate.create({
    data: {
      spaceId: space.id,
      kind: "announcement",
      title: "Forum next month",
      authorId: focalPoint.id,
      organisationId: ministry.id,
    },
  });
  const chosen = await db().organisation.findMany({
    where: { name: { in: [hidden.pendingName, hidden.declinedName, "Participant at CONSULT"] } },
    select: { id: true },
  });
  const consultation = await createConsultation(space.id, focalPoint.id, {
    title: "Consultation put to chosen organisations",
    audience: "chosen",
    organisationIds: chosen.map(({ id }) => id),
    status: "open",
  });
  await addQuestion(consultation.id, "short_text");
  const request = await db().levelRequest.findFirstOrThrow({ where: { spaceId: space.id } });
  // Its action plan (issue 10), whose goal and action pages are walked too.
  const plan = await db().actionPlan.create({
    data: {
      spaceId: space.id,
      title: "Plan of the space",
      periodFrom: new Date("2027-01-01"),
      periodTo: new Date("2027-12-31"),
      createdById: focalPoint.id,
    },
  });
  const goal = await db().planGoal.create({
    data: { planId: plan.id, domain: "civic_participation", title: "A goal", position: 1 },
  });
  const planAction = await db().planAction.create({
    data: {
      planId: plan.id,
      goalId: goal.id,
      position: 1,
      title: "An action",
      leadOrganisationId: ministry.id,
      startDate: new Date("2027-01-01"),
      dueDate: new Date("2027-06-30"),
    },
  });
  params = {
    goalId: goal.id,
    actionId: planAction.id,
    spaceId: space.id,
    updateId: update.id,
    consultationId: consultation.id,
    requestId: request.id,
    levelRequestId: request.id,
    // The space's general channel (issue 11), which the INVOLVE and higher participants open.
    channelId: (await generalChannel(space.id)).id,
  };
});
afterAll(async () => {
  await server.close();
});

const pages = [...routesUnder("spaces", "spaceId"), ...routesUnder("consultations", "consultationId")];

/** Every page (and its data) the client may open, as text; pages it may not open are left out. */
async function everythingShownTo(client: Browserless) {
  const shown: { url: string; body: string }[] = [];
  for (const route of pages) {
    const url = urlOf(route, params);
    for (const target of [url, `${url}.data`]) {
      const response = await client.get(target);
      const body = await response.text();
      if (response.status === 200) shown.push({ url: target, body });
    }
  }
  return shown;
}

describe.each(levels)("a participant at %s", (level) => {
  it("never sees a pending or declined invitation, its messages or another organisation's level request", async () => {
    const shown = await everythingShownTo(participants[level].client);
    expect(shown.map(({ url }) => url)).toEqual(
      expect.arrayContaining([
        `/spaces/${params.spaceId}/participants`,
        `/spaces/${params.spaceId}/levels`,
        `/consultations/${params.consultationId}`,
      ]),
    );
    // The organisation asking for a higher level reads its own request.
    const mayNotSee = Object.values(hidden).filter(
      (text) => !(level === "INVOLVE" && text === hidden.requestReason),
    );
    const seen = shown.flatMap(({ url, body }) =>
      mayNotSee.filter((text) => body.includes(text)).map((text) => `${url}: ${text}`),
    );
    expect(seen).toEqual([]);
  });

  it("sees the organisations taking part and how they joined", async () => {
    const client = participants[level].client;
    const list = await (await client.get(`/spaces/${params.spaceId}/participants`)).text();
    const history = await (await client.get(`/spaces/${params.spaceId}/levels`)).text();
    for (const other of levels) {
      expect(list).toContain(participants[other].name);
      expect(history).toContain(`${participants[other].name} joined at`);
    }
  });
});

describe("the conveners", () => {
  it("see every invitation, its messages and every level request", async () => {
    const shown = (await everythingShownTo(convener)).map(({ body }) => body).join("\n");
    for (const text of Object.values(hidden)) expect(shown, text).toContain(text);
  });
});
