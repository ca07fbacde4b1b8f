import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createConsultation, createSubmittedInput, openConsultation } from "./consultation-factories";
import { createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const dayMs = 24 * 60 * 60 * 1000;
const waitingSection = (page: string) =>
  page.slice(page.indexOf('id="waiting-heading"'), page.indexOf('id="organisations-heading"'));

describe("the home page: what needs you", () => {
  it("lists, for a CSO, the consultations put to its organisation with their closing dates and its draft's state, soonest first", async () => {
    const { space, focalPoint } = await createConvenedSpace({ space: { title: "Ottawa LIP" } });
    const { organisation, admin } = await createParticipantOrganisation(space.id, "CONSULT", {
      organisation: { name: "Refugee 613" },
    });
    const later = await createConsultation(space.id, focalPoint.id, {
      title: "Housing strategy consultation",
      status: "open",
      closesAt: new Date(Date.now() + 20 * dayMs),
    });
    const sooner = await createConsultation(space.id, focalPoint.id, {
      title: "Language classes consultation",
      status: "open",
      closesAt: new Date(Date.now() + 3 * dayMs),
    });
    await createConsultation(space.id, focalPoint.id, { title: "A draft nobody sees", status: "draft" });
    await createConsultation(space.id, focalPoint.id, {
      title: "Chosen others only",
      status: "open",
      audience: "chosen",
      organisationIds: [],
    });
    await db().submission.create({
      data: { consultationId: later.id, organisationId: organisation.id, answers: "{}", status: "draft" },
    });

    const client = await Browserless.signedIn(server.origin, admin.email);
    const page = waitingSection(await (await client.get("/")).text());
    expect(page).toContain("What needs you");
    expect(page.indexOf("Language classes consultation")).toBeGreaterThan(-1);
    expect(page.indexOf("Language classes consultation")).toBeLessThan(
      page.indexOf("Housing strategy consultation"),
    );
    expect(page).toContain(`href="/consultations/${sooner.id}/respond"`);
    expect(page).toContain("in 3 days");
    expect(page).toContain("Your organisation has not started its input.");
    expect(page).toContain("Draft, last saved");
    expect(page).not.toContain("A draft nobody sees");
    expect(page).not.toContain("Chosen others only");
  });

  it("shows nothing of a space to an organisation removed from it, and says what to expect when nothing waits", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const { organisation, admin } = await createParticipantOrganisation(space.id, "CONSULT");
    await createConsultation(space.id, focalPoint.id, { title: "Open to participants", status: "open" });
    await db().spaceParticipant.updateMany({
      where: { spaceId: space.id, organisationId: organisation.id },
      data: { status: "left" },
    });
    const client = await Browserless.signedIn(server.origin, admin.email);
    const page = waitingSection(await (await client.get("/")).text());
    expect(page).not.toContain("Open to participants");
    expect(page).toContain("Nothing waits for you right now.");
  });

  it("tells an organisation's admin of an invitation to a space waiting for an answer", async () => {
    const { space } = await createConvenedSpace({ space: { title: "Bicol committee" } });
    const { admin } = await createParticipantOrganisation(space.id, "INVOLVE", {
      organisation: { name: "Bicol Migrant Desk" },
      status: "invited",
    });
    const client = await Browserless.signedIn(server.origin, admin.email);
    const page = waitingSection(await (await client.get("/")).text());
    expect(page).toContain("Bicol Migrant Desk is invited to take part: answer the invitation");
    expect(page).toContain(`href="/spaces/${space.id}/participation"`);
  });

  it("shows a convener what waits in the spaces they convene: concerns, level requests and feedback overdue, with the space's health", async () => {
    const { space, focalPoint } = await createConvenedSpace({ space: { title: "Diaspora committee" } });
    const { organisation, admin } = await createParticipantOrganisation(space.id, "INVOLVE");
    await db().concern.create({
      data: {
        spaceId: space.id,
        organisationId: organisation.id,
        raisedById: admin.id,
        text: "Rooms",
        theme: "housing",
      },
    });
    await db().levelRequest.create({
      data: {
        spaceId: space.id,
        organisationId: organisation.id,
        requestedLevel: "COLLABORATE",
        reason: "We lead the housing table.",
        requestedById: admin.id,
      },
    });
    const overdue = await createConsultation(space.id, focalPoint.id, {
      title: "Diaspora engagement",
      status: "closed",
      closesAt: new Date(Date.now() - 40 * dayMs),
      feedbackDueAt: new Date(Date.now() - 10 * dayMs),
      closedAt: new Date(Date.now() - 40 * dayMs),
    });
    await createSubmittedInput(overdue.id, organisation.id, admin.id, {});
    const answeredLongAgo = await createConsultation(space.id, focalPoint.id, {
      title: "Nothing to do",
      status: "open",
    });
    await openConsultation(answeredLongAgo.id);

    const client = await Browserless.signedIn(server.origin, focalPoint.email);
    const html = await (await client.get("/")).text();
    const page = waitingSection(html);
    expect(page).toContain("1 concern waits for an answer");
    expect(page).toContain("1 level request waits for your decision");
    expect(page).toContain("Feedback was promised by");
    expect(page).toContain("1 input without a response");
    expect(page).toContain(`href="/consultations/${overdue.id}/review"`);
    // The overdue feedback is the most urgent.
    expect(page.indexOf("Diaspora engagement")).toBeLessThan(page.indexOf("concern waits"));
    expect(page).not.toContain("Nothing to do");
    expect(html).toContain("Spaces you convene");
    expect(html).toContain("1 consultation with feedback overdue");
  });

  it("keeps the public home page for visitors", async () => {
    const page = await (await fetch(`${server.origin}/`)).text();
    expect(page).toContain("Welcome to Concord");
    expect(page).not.toContain("What needs you");
  });

  it("writes dates in the reader's time zone once the browser has told it, and ignores a zone it does not know", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const { admin } = await createParticipantOrganisation(space.id, "CONSULT");
    await createConsultation(space.id, focalPoint.id, {
      title: "Closing late in the evening",
      status: "open",
      closesAt: new Date("2027-01-15T23:30:00Z"),
    });
    const client = await Browserless.signedIn(server.origin, admin.email);
    const closing = (html: string) =>
      /Closes(?:<!-- -->)?\s*<time[^>]*>([^<]*)<\/time>/.exec(waitingSection(html))?.[1];
    expect(closing(await (await client.get("/")).text())).toContain("Jan 15, 2027");
    const inTokyo = await client.get("/", {
      headers: { Cookie: `${client.cookieHeader()}; tz=Asia%2FTokyo` },
    });
    expect(closing(await inTokyo.text())).toContain("Jan 16, 2027");
    const unknown = await client.get("/", {
      headers: { Cookie: `${client.cookieHeader()}; tz=Mars%2FOlympus` },
    });
    expect(closing(await unknown.text())).toContain("Jan 15, 2027");
  });
});

describe("pages that are not there", () => {
  it("keep the signed-in header: a missing page, a space that does not exist", async () => {
    const { admin } = await createParticipantOrganisation((await createConvenedSpace()).space.id, "CONSULT");
    const client = await Browserless.signedIn(server.origin, admin.email);
    for (const path of ["/no-such-page", "/spaces/no-such-space"]) {
      const response = await client.get(path);
      expect(response.status, path).toBe(404);
      const page = await response.text();
      expect(page, path).toContain("Sign out");
      expect(page, path).not.toContain(">Sign in<");
      expect(page, path).not.toContain("node_modules");
    }
  });
});
