import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForPerson } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { loadSpaceResource } from "~/modules/spaces/access.server";
import { db } from "~/utils/db.server";
import { addQuestion, createConsultation, createSubmittedInput } from "./consultation-factories";
import { addMember, createOrganisation, createPerson } from "../prisma/factories/people";
import {
  addConvenerRow,
  createConvenedSpace,
  createParticipantOrganisation,
} from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";

/*
 * A convening organisation's powers by role (ADR 0011): its admins and the people it names as its delegates in
 * the space (the space's focal points) decide who takes part and at what level, the promise, the conveners,
 * and when a consultation opens, closes and publishes its feedback; everyone else in it — an officer — does
 * the everyday work: answers concerns, drafts consultations, reviews their inputs.
 */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const dayMs = 24 * 60 * 60 * 1000;

async function ministryWithOfficer() {
  const { space, convener, focalPoint } = await createConvenedSpace();
  const officer = await createPerson({ name: "Desk Officer" });
  await addMember(officer.id, convener.id);
  const participant = await createParticipantOrganisation(space.id, "CONSULT");
  const concern = await db().concern.create({
    data: {
      spaceId: space.id,
      organisationId: participant.organisation.id,
      raisedById: participant.admin.id,
      text: "Interpreters are missing.",
      theme: "health",
    },
  });
  return {
    space,
    convener,
    focalPoint,
    officer,
    participant,
    concern,
    officerClient: await Browserless.signedIn(server.origin, officer.email),
    adminClient: await Browserless.signedIn(server.origin, focalPoint.email),
  };
}

/** Invites a new organisation through the participants page, and returns the audit event it wrote. */
async function inviteThroughForm(client: Browserless, spaceId: string) {
  const invitee = await createOrganisation({ type: "cso" });
  const invited = await client.post(`/spaces/${spaceId}/participants`, {
    intent: "invite",
    organisationId: invitee.id,
    level: "CONSULT",
  });
  expect(invited.status).toBe(302);
  return db().auditEvent.findFirstOrThrow({
    where: { spaceId, action: "space.organisation-invited", subjectType: "space-participant" },
    orderBy: { createdAt: "desc" },
  });
}

describe("an officer of the convening organisation (a member, not named a delegate)", () => {
  it("does the everyday work: answers a concern and drafts a consultation", async () => {
    const { space, convener, officer, concern, officerClient } = await ministryWithOfficer();
    const answered = await officerClient.post(`/spaces/${space.id}/concerns`, {
      intent: "answer",
      concernId: concern.id,
      answer: "Telephone interpretation starts next month.",
      status: "answered",
    });
    expect(answered.status).toBe(302);
    const created = await officerClient.post(`/spaces/${space.id}/consultations/new`, {
      title: "Interpretation services",
      purpose: "Hear where interpretation is missing.",
      languages: "en",
      audience: "participants",
      closesAt: new Date(Date.now() + 10 * dayMs).toISOString().slice(0, 10),
    });
    expect(created.status).toBe(302);
    const audit = await db().auditEvent.findMany({
      where: { spaceId: space.id, actorId: officer.id },
      select: { action: true, organisationId: true },
      orderBy: { createdAt: "asc" },
    });
    expect(audit).toEqual([
      { action: "space.concern-answered", organisationId: convener.id },
      { action: "consultation.created", organisationId: convener.id },
    ]);
  });

  it("may not change who takes part, the promise, the conveners or its own delegates (403), and changes nothing", async () => {
    const { space, convener, officer, participant, officerClient, adminClient } = await ministryWithOfficer();
    const invitee = await createOrganisation({ type: "cso" });
    const before = await db().auditEvent.count({ where: { spaceId: space.id } });
    const refused = [
      await officerClient.post(`/spaces/${space.id}/participants`, {
        intent: "invite",
        organisationId: invitee.id,
        level: "CONSULT",
      }),
      await officerClient.post(`/spaces/${space.id}/participants`, {
        intent: "change-level",
        organisationId: participant.organisation.id,
        level: "INVOLVE",
        rationale: "They asked.",
      }),
      await officerClient.post(`/spaces/${space.id}/participants`, {
        intent: "remove",
        organisationId: participant.organisation.id,
        rationale: "No reason.",
      }),
      await officerClient.post(`/spaces/${space.id}/participation`, {
        intent: "delegates",
        organisationId: convener.id,
        delegates: officer.id,
        lead: officer.id,
      }),
      await officerClient.get(`/spaces/${space.id}/promise`),
      await officerClient.get(`/spaces/${space.id}/edit`),
      await officerClient.get(`/spaces/${space.id}/conveners`),
    ];
    expect(refused.map((response) => response.status)).toEqual(refused.map(() => 403));
    expect(await db().auditEvent.count({ where: { spaceId: space.id } })).toBe(before);
    expect(await db().spaceDelegate.count({ where: { spaceId: space.id, personId: officer.id } })).toBe(0);
    // The page offers none of it.
    const page = await (await officerClient.get(`/spaces/${space.id}/participants`)).text();
    expect(page).not.toContain('value="invite"');
    expect(page).not.toContain('value="change-level"');
    const adminPage = await (await adminClient.get(`/spaces/${space.id}/participants`)).text();
    expect(adminPage).toContain('value="invite"');
    expect(adminPage).toContain('value="change-level"');
  });

  it("drafts and reviews a consultation but may not open it or publish its feedback", async () => {
    const { space, focalPoint, participant, officerClient, adminClient } = await ministryWithOfficer();
    const draft = await createConsultation(space.id, focalPoint.id);
    await addQuestion(draft.id, "short_text");
    expect((await officerClient.get(`/consultations/${draft.id}/questions`)).status).toBe(200);
    const overview = await (await officerClient.get(`/consultations/${draft.id}`)).text();
    expect(overview).not.toContain('value="open"');
    expect(await (await adminClient.get(`/consultations/${draft.id}`)).text()).toContain('value="open"');
    expect(
      (await officerClient.post(`/consultations/${draft.id}?index`, { intent: "open", confirmed: "yes" }))
        .status,
    ).toBe(403);
    expect((await db().consultation.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("draft");

    const closed = await createConsultation(space.id, focalPoint.id, {
      status: "closed",
      closesAt: new Date(Date.now() - dayMs),
      closedAt: new Date(Date.now() - dayMs),
    });
    const input = await createSubmittedInput(
      closed.id,
      participant.organisation.id,
      participant.admin.id,
      {},
    );
    const review = `/consultations/${closed.id}/review`;
    expect((await officerClient.get(`/consultations/${closed.id}/results`)).status).toBe(200);
    const responded = await officerClient.post(review, {
      intent: "respond",
      submissionIds: input.id,
      outcome: "accepted",
      explanation: "We will add evening classes.",
      changeMade: "Evening classes.",
    });
    expect(responded.status).toBe(302);
    const reviewPage = await (await officerClient.get(review)).text();
    expect(reviewPage).not.toContain('value="publish"');
    expect(await (await adminClient.get(review)).text()).toContain('value="publish"');
    expect((await officerClient.post(review, { intent: "publish", confirmed: "yes" })).status).toBe(403);
    expect((await db().consultation.findUniqueOrThrow({ where: { id: closed.id } })).status).toBe("closed");
  });
});

describe("naming a convener delegate", () => {
  it("is the convening organisation's admin's, and gives the delegate the leads' powers", async () => {
    const { space, convener, focalPoint, officer, adminClient, officerClient } = await ministryWithOfficer();
    const named = await adminClient.post(`/spaces/${space.id}/participation`, {
      intent: "delegates",
      organisationId: convener.id,
      delegates: officer.id,
      lead: focalPoint.id,
    });
    expect(named.status).toBe(302);
    expect(await inviteThroughForm(officerClient, space.id)).toMatchObject({
      actorId: officer.id,
      organisationId: convener.id,
    });
  });

  it("names, in the audit trail, the convening organisation through which the person holds the power", async () => {
    const { space, convener, officer } = await ministryWithOfficer();
    // The officer is an admin of a co-convening ministry, and only a member of the first.
    const coConvener = await createOrganisation({ type: "national_ministry", name: "Ministry of Labour" });
    await addConvenerRow(space.id, coConvener.id);
    await addMember(officer.id, coConvener.id, { role: "admin" });
    const actor = (await actorForPerson(officer.id))!;
    const resource = (await loadSpaceResource(actor, space.id))!;
    expect(can(actor, "space.invite-organisation", { ...resource, organisationId: convener.id })).toBe(false);
    expect(can(actor, "space.invite-organisation", { ...resource, organisationId: coConvener.id })).toBe(
      true,
    );
    const client = await Browserless.signedIn(server.origin, officer.email);
    // Even with the first ministry picked as their current organisation.
    await client.post("/resources/current-organisation", { organisationId: convener.id });
    expect((await inviteThroughForm(client, space.id)).organisationId).toBe(coConvener.id);
  });
});

describe("creating a space", () => {
  it("takes an admin or a focal point of a government body, who becomes its lead delegate there", async () => {
    const ministry = await createOrganisation({ type: "national_ministry" });
    const [officer, focalPoint] = [await createPerson(), await createPerson()];
    await addMember(officer.id, ministry.id);
    await addMember(focalPoint.id, ministry.id, { isFocalPoint: true });
    const officerClient = await Browserless.signedIn(server.origin, officer.email);
    expect((await officerClient.get("/spaces/new")).status).toBe(404);
    const focalClient = await Browserless.signedIn(server.origin, focalPoint.email);
    const created = await focalClient.post("/spaces/new", {
      title: "Thematic table on housing",
      kind: "thematic_table",
      governanceLevel: "national",
      mandate: "Coordinate housing for newcomers.",
      place: "Ottawa",
      themes: "housing",
      parentId: "none",
    });
    expect(created.status).toBe(302);
    const space = await db().space.findFirstOrThrow({ where: { title: "Thematic table on housing" } });
    expect(
      await db().spaceDelegate.findMany({
        where: { spaceId: space.id },
        select: { organisationId: true, personId: true, isLead: true },
      }),
    ).toEqual([{ organisationId: ministry.id, personId: focalPoint.id, isLead: true }]);
    const actor = (await actorForPerson(focalPoint.id))!;
    expect(can(actor, "space.invite-organisation", (await loadSpaceResource(actor, space.id))!)).toBe(true);
  });
});
