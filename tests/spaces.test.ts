import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { levels } from "~/modules/engagement/levels";
import { db } from "~/utils/db.server";
import { addMember, createMember, createOrganisation, createPerson } from "../prisma/factories/people";
import {
  addParticipant,
  createConvenedSpace,
  createParticipantOrganisation,
  createSpace,
} from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

function promiseForm(overrides: Record<string, string> = {}) {
  return {
    ...Object.fromEntries(
      levels.flatMap((level, index) => [
        [`${level}.expectation`, `What ${level} participants can expect.`],
        [`${level}.decisionMaker`, `The ${level} board`],
        [`${level}.feedbackDays`, String(30 - index * 5)],
      ]),
    ),
    ...overrides,
  };
}

/** A ministry focal point who can convene spaces, signed in. */
async function signedInFocalPoint() {
  const { organisation, person } = await createMember({
    role: "admin",
    isFocalPoint: true,
    organisation: { type: "national_ministry", governanceLevel: "national" },
  });
  const client = await Browserless.signedIn(server.origin, person.email);
  return { organisation, person, client };
}

describe("creating a space", () => {
  it("lets a ministry focal point create a space: convener, default promises, audit event", async () => {
    const { organisation, person, client } = await signedInFocalPoint();
    const directory = await (await client.get("/spaces")).text();
    expect(directory).toContain('href="/spaces/new"');
    expect(directory).toContain("Create a space");
    expect(await (await client.get("/spaces/new")).text()).toContain("Mandate or terms of reference");

    const title = `National working group on integration ${unique()}`;
    const created = await client.post("/spaces/new", {
      kind: "inter_ministerial_working_group",
      governanceLevel: "national",
      title,
      mandate: "Coordinate the national integration strategy across ministries.",
      place: "Ottawa",
      themes: "settlement",
      parentId: "none",
    });
    const page = await client.landOn(created);
    expect(page).toContain(`The space “${title}” was created.`);
    expect(page).toContain("Inter-ministerial working group");
    expect(page).toContain("Our promise to participants");
    expect(page).toContain("Government works directly with CSO throughout the process");
    expect(page).toContain("We share our priorities, plans, documents and decisions");
    expect(page).toContain('aria-current="page"');

    const space = await db().space.findFirstOrThrow({
      where: { title },
      include: { participants: true, promises: true, themes: true },
    });
    expect(space.createdById).toBe(person.id);
    expect(space.participants).toEqual([
      expect.objectContaining({
        organisationId: organisation.id,
        role: "convener",
        status: "active",
        level: null,
      }),
    ]);
    expect(space.themes.map(({ theme }) => theme)).toEqual(["settlement"]);
    expect(space.promises.map((promise) => promise.level).sort()).toEqual([...levels].sort());
    const consult = space.promises.find((promise) => promise.level === "CONSULT");
    expect(consult?.expectation).toContain("We ask for your advice");
    expect(consult?.feedbackDays).toBe(21);
    const audit = await db().auditEvent.findMany({ where: { action: "space.created", spaceId: space.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: person.id,
      organisationId: organisation.id,
      subjectId: space.id,
    });
  });

  it("writes the default promises in the convener's language", async () => {
    const { person, client } = await signedInFocalPoint();
    await db().person.update({ where: { id: person.id }, data: { locale: "fr" } });
    const title = `Table thématique ${unique()}`;
    const created = await client.post("/spaces/new", {
      kind: "thematic_table",
      governanceLevel: "national",
      title,
      mandate: "Mandat.",
      themes: "health",
    });
    expect(created.status).toBe(302);
    const space = await db().space.findFirstOrThrow({ where: { title }, include: { promises: true } });
    expect(space.promises.find((promise) => promise.level === "INFORM")?.expectation).toContain(
      "Nous partageons ici nos priorités",
    );
  });

  it("refuses missing and over-long fields, keeping what was typed", async () => {
    const { client } = await signedInFocalPoint();
    const title = "T".repeat(201);
    const response = await client.post("/spaces/new", {
      kind: "no_such_kind",
      governanceLevel: "national",
      title,
      mandate: "A mandate kept as typed.",
    });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("This is too long.");
    expect(page).toContain("Choose one of the options.");
    expect(page).toContain("Choose at least one theme.");
    expect(page).toContain(">A mandate kept as typed.</textarea>");
    expect(await db().space.count({ where: { title } })).toBe(0);
  });

  it("does not offer or allow space creation to a civil society organisation's member", async () => {
    const { person } = await createMember({ role: "admin", organisation: { type: "cso" } });
    const client = await Browserless.signedIn(server.origin, person.email);
    const directory = await (await client.get("/spaces")).text();
    expect(directory).not.toContain('href="/spaces/new"');
    expect((await client.get("/spaces/new")).status).toBe(404);
    const title = `Forbidden space ${unique()}`;
    const post = await client.post("/spaces/new", {
      kind: "thematic_table",
      governanceLevel: "local",
      title,
      mandate: "Should not exist.",
      themes: "health",
    });
    expect(post.status).toBe(404);
    expect(await db().space.count({ where: { title } })).toBe(0);
  });

  it("does not let a ministry awaiting verification create a space", async () => {
    const { person } = await createMember({
      organisation: { type: "national_ministry", verificationStatus: "pending" },
    });
    const client = await Browserless.signedIn(server.origin, person.email);
    expect((await client.get("/spaces/new")).status).toBe(404);
  });

  it("refuses a parent space the creator cannot see", async () => {
    const { client } = await signedInFocalPoint();
    const { space: hidden } = await createConvenedSpace();
    const title = `Child of hidden ${unique()}`;
    const response = await client.post("/spaces/new", {
      kind: "thematic_table",
      governanceLevel: "local",
      title,
      mandate: "Mandate.",
      themes: "health",
      parentId: hidden.id,
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Choose one of the spaces you are part of.");
    expect(await db().space.count({ where: { title } })).toBe(0);
  });
});

describe("editing a space", () => {
  it("saves title, mandate, themes and parent with an audit event", async () => {
    const { organisation, person, client } = await signedInFocalPoint();
    const parent = await createSpace({ convenerOrganisationId: organisation.id, createdById: person.id });
    const space = await createSpace({ convenerOrganisationId: organisation.id, createdById: person.id });
    const form = await (await client.get(`/spaces/${space.id}/edit`)).text();
    expect(form).toContain(`value="${space.title}"`);
    const saved = await client.post(`/spaces/${space.id}/edit`, {
      title: "Renamed partnership",
      mandate: "A new mandate.",
      themes: "housing",
      parentId: parent.id,
    });
    expect(await client.landOn(saved)).toContain("The space was saved.");
    const updated = await db().space.findUniqueOrThrow({
      where: { id: space.id },
      include: { themes: true },
    });
    expect(updated).toMatchObject({
      title: "Renamed partnership",
      mandate: "A new mandate.",
      parentId: parent.id,
    });
    expect(updated.themes.map(({ theme }) => theme)).toEqual(["housing"]);
    const [audit] = await db().auditEvent.findMany({ where: { action: "space.updated", spaceId: space.id } });
    expect(JSON.parse(audit?.detail ?? "{}").changes.parentId).toEqual({ from: null, to: parent.id });
    const parentPage = await (await client.get(`/spaces/${parent.id}`)).text();
    expect(parentPage).toContain("Renamed partnership");
  });

  it("refuses a parent that would make a cycle, and the space itself, changing nothing", async () => {
    const { organisation, person, client } = await signedInFocalPoint();
    const top = await createSpace({ convenerOrganisationId: organisation.id, createdById: person.id });
    const middle = await createSpace({
      convenerOrganisationId: organisation.id,
      createdById: person.id,
      parentId: top.id,
    });
    const bottom = await createSpace({
      convenerOrganisationId: organisation.id,
      createdById: person.id,
      parentId: middle.id,
    });
    for (const parentId of [bottom.id, top.id]) {
      const response = await client.post(`/spaces/${top.id}/edit`, {
        title: "Typed title kept",
        mandate: top.mandate,
        themes: "settlement",
        parentId,
      });
      expect(response.status).toBe(200);
      const page = await response.text();
      expect(page).toContain("A space cannot sit under itself or under one of the spaces below it.");
      expect(page).toContain('value="Typed title kept"');
    }
    const unchanged = await db().space.findUniqueOrThrow({ where: { id: top.id } });
    expect(unchanged).toMatchObject({ title: top.title, parentId: null });
    expect(await db().auditEvent.count({ where: { action: "space.updated", spaceId: top.id } })).toBe(0);
  });

  it("answers 403 to a participant who may see the space but not edit it", async () => {
    const { space } = await createConvenedSpace();
    const { admin } = await createParticipantOrganisation(space.id, "COLLABORATE");
    const client = await Browserless.signedIn(server.origin, admin.email);
    expect((await client.get(`/spaces/${space.id}/edit`)).status).toBe(403);
    expect((await client.get(`/spaces/${space.id}/promise`)).status).toBe(403);
    const overview = await (await client.get(`/spaces/${space.id}`)).text();
    expect(overview).not.toContain(`/spaces/${space.id}/edit`);
    expect(overview).toContain("Your level");
  });
});

describe("the promise of each level", () => {
  it("saves the promises of all five levels and shows them on the overview", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const client = await Browserless.signedIn(server.origin, focalPoint.email);
    const saved = await client.post(`/spaces/${space.id}/promise`, promiseForm());
    const page = await client.landOn(saved);
    expect(page).toContain("The promises were saved.");
    expect(page).toContain("What EMPOWER participants can expect.");
    expect(page).toContain("10 days");
    const stored = await db().spacePromise.findMany({ where: { spaceId: space.id } });
    expect(stored).toHaveLength(5);
    expect(
      await db().auditEvent.count({ where: { action: "space.promise-updated", spaceId: space.id } }),
    ).toBe(1);
  });

  it("refuses 0 and 1000 days with field errors, keeping the typed values", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const client = await Browserless.signedIn(server.origin, focalPoint.email);
    const response = await client.post(
      `/spaces/${space.id}/promise`,
      promiseForm({
        "INFORM.feedbackDays": "0",
        "CONSULT.feedbackDays": "1000",
        "INVOLVE.expectation": "Kept expectation",
      }),
    );
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page.match(/Enter a whole number of days from 1 to 365\./g)).toHaveLength(2);
    expect(page).toContain('value="0"');
    expect(page).toContain('value="1000"');
    expect(page).toContain(">Kept expectation</textarea>");
    expect(await db().spacePromise.count({ where: { spaceId: space.id } })).toBe(0);
  });
});

describe("conveners", () => {
  it("adds a participating local authority as co-convener, with its history, and refuses a CSO", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const { organisation: city } = await createParticipantOrganisation(space.id, "CONSULT", {
      organisation: { type: "local_authority", name: `City of Ottawa ${unique()}` },
    });
    const { organisation: cso } = await createParticipantOrganisation(space.id, "INFORM");
    const client = await Browserless.signedIn(server.origin, focalPoint.email);
    const page = await (
      await client.get(`/spaces/${space.id}/conveners?q=${encodeURIComponent(city.name)}`)
    ).text();
    expect(page).toContain(city.name);

    const refused = await client.post(`/spaces/${space.id}/conveners`, {
      intent: "add",
      organisationId: cso.id,
    });
    expect(refused.status).toBe(200);
    expect(await refused.text()).toContain("Only a verified ministry, regional or local authority");

    const added = await client.post(`/spaces/${space.id}/conveners`, {
      intent: "add",
      organisationId: city.id,
    });
    expect(await client.landOn(added)).toContain(`${city.name} now co-convenes this space.`);
    const standing = await db().spaceParticipant.findUniqueOrThrow({
      where: { spaceId_organisationId: { spaceId: space.id, organisationId: city.id } },
    });
    expect(standing).toMatchObject({ role: "convener", level: null, status: "active" });
    const change = await db().levelChange.findFirstOrThrow({
      where: { spaceId: space.id, organisationId: city.id, kind: "convener-added" },
    });
    expect(change.fromLevel).toBe("CONSULT");
    expect(
      await db().auditEvent.count({ where: { action: "space.convener-added", spaceId: space.id } }),
    ).toBe(1);
  });

  it("refuses to remove the last convener, and removes one of two", async () => {
    const { space, convener, focalPoint } = await createConvenedSpace();
    const client = await Browserless.signedIn(server.origin, focalPoint.email);
    const refused = await client.post(`/spaces/${space.id}/conveners`, {
      intent: "remove",
      organisationId: convener.id,
    });
    expect(await client.landOn(refused)).toContain("A space needs at least one convener");
    expect(
      await db().spaceParticipant.count({ where: { spaceId: space.id, role: "convener", status: "active" } }),
    ).toBe(1);

    const region = await createOrganisation({ type: "regional_authority", governanceLevel: "regional" });
    await client.post(`/spaces/${space.id}/conveners`, { intent: "add", organisationId: region.id });
    const removed = await client.post(`/spaces/${space.id}/conveners`, {
      intent: "remove",
      organisationId: region.id,
    });
    expect(await client.landOn(removed)).toContain(`${region.name} no longer convenes this space.`);
    const conveners = await db().spaceParticipant.findMany({
      where: { spaceId: space.id, role: "convener", status: "active" },
    });
    expect(conveners.map((row) => row.organisationId)).toEqual([convener.id]);
  });
});

describe("the directory", () => {
  it("filters by kind, theme, level, place and search, and only ever lists visible spaces", async () => {
    const { organisation, person } = await createMember({ organisation: { type: "cso" } });
    const tag = unique();
    const { space: healthTable } = await createConvenedSpace({
      space: {
        title: `Alpha health table ${tag}`,
        kind: "thematic_table",
        themes: ["health"],
        place: "Lyon",
      },
    });
    await addParticipant(healthTable.id, organisation.id, "CONSULT");
    const { space: housingPartnership } = await createConvenedSpace({
      space: {
        title: `Beta housing partnership ${tag}`,
        kind: "local_immigration_partnership",
        themes: ["housing"],
        mandate: `Find homes together, keyword-${tag}`,
      },
    });
    await addParticipant(housingPartnership.id, organisation.id, "INFORM", { status: "invited" });
    const { space: declined } = await createConvenedSpace({
      space: { title: `Alpha declined table ${tag}`, kind: "thematic_table", themes: ["health"] },
    });
    await addParticipant(declined.id, organisation.id, "INFORM", { status: "declined" });
    const { space: hidden } = await createConvenedSpace({
      space: {
        title: `Alpha hidden table ${tag}`,
        kind: "thematic_table",
        themes: ["health"],
        place: "Lyon",
      },
    });
    const client = await Browserless.signedIn(server.origin, person.email);
    const list = async (query: Record<string, string>) =>
      (await client.get(`/spaces?${new URLSearchParams(query)}`)).text();
    const invisible = [declined.title, hidden.title];

    const everything = await list({ q: tag });
    expect(everything).toContain(healthTable.title);
    expect(everything).toContain(housingPartnership.title);
    expect(everything).toContain("2 spaces");
    for (const page of [
      everything,
      await list({ kind: "thematic_table" }),
      await list({ theme: "health" }),
      await list({ q: "Alpha" }),
      await list({ place: "Lyon" }),
    ]) {
      for (const title of invisible) expect(page).not.toContain(title);
    }
    const byKind = await list({ kind: "thematic_table", q: tag });
    expect(byKind).toContain(healthTable.title);
    expect(byKind).not.toContain(housingPartnership.title);
    const byTheme = await list({ theme: "housing", q: tag });
    expect(byTheme).toContain(housingPartnership.title);
    expect(byTheme).not.toContain(healthTable.title);
    const byMandate = await list({ q: `keyword-${tag}` });
    expect(byMandate).toContain(housingPartnership.title);
    expect(byMandate).not.toContain(healthTable.title);
    const byPlace = await list({ place: "Lyon", q: tag });
    expect(byPlace).toContain(healthTable.title);
    expect(byPlace).not.toContain(housingPartnership.title);
    // Search ignores case on both databases (SQLite's LIKE folds ASCII letters; PostgreSQL's does not).
    const anyCase = await list({ q: `ALPHA HEALTH TABLE ${tag}`, place: "lyon" });
    expect(anyCase).toContain(healthTable.title);
    expect(anyCase).not.toContain(housingPartnership.title);
    expect(await list({ governanceLevel: "national", q: tag })).toContain("No space matches.");
    expect(await list({ kind: "not-a-kind", q: tag })).toContain(housingPartnership.title);
  });
});

describe("a space one is not part of", () => {
  it("answers 404 on every page, form post and data request", async () => {
    const { space } = await createConvenedSpace();
    const { person } = await createMember({ organisation: { type: "national_ministry" } });
    const client = await Browserless.signedIn(server.origin, person.email);
    for (const suffix of ["", "/edit", "/promise", "/conveners"]) {
      const page = await client.get(`/spaces/${space.id}${suffix}`);
      expect(page.status, suffix).toBe(404);
      const text = await page.text();
      expect(text).toContain("Page not found");
      expect(text).not.toContain(space.title);
    }
    for (const [suffix, form] of [
      ["/edit", { title: "Hijacked", mandate: "x", themes: "health", parentId: "none" }],
      ["/promise", promiseForm()],
      ["/conveners", { intent: "add", organisationId: "anything" }],
      ["/conveners", { intent: "remove", organisationId: "anything" }],
    ] as const) {
      expect((await client.post(`/spaces/${space.id}${suffix}`, form)).status, suffix).toBe(404);
    }
    for (const path of [
      `/spaces/${space.id}.data`,
      `/spaces/${space.id}.data?_routes=routes/spaces.$spaceId`,
      `/spaces/${space.id}?_data=routes/spaces.$spaceId`,
      `/spaces/${space.id}/edit.data`,
    ]) {
      const response = await client.get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain(space.title);
    }
    expect((await db().space.findUniqueOrThrow({ where: { id: space.id } })).title).toBe(space.title);
    expect((await client.get("/spaces/no-such-space")).status).toBe(404);
  });
});

describe("an organisation's page", () => {
  it("lists the spaces the organisation is in, with role and level, to its members only", async () => {
    const { space: partnership, convener } = await createConvenedSpace({
      space: { title: `Ottawa partnership ${unique()}` },
    });
    const { organisation, admin } = await createParticipantOrganisation(partnership.id, "INVOLVE");
    const { space: invitedTo } = await createConvenedSpace({ space: { title: `Invited table ${unique()}` } });
    await addParticipant(invitedTo.id, organisation.id, "CONSULT", { status: "invited" });
    const { space: left } = await createConvenedSpace({ space: { title: `Left table ${unique()}` } });
    await addParticipant(left.id, organisation.id, "EMPOWER", { status: "left" });
    const member = await createPerson();
    await addMember(member.id, organisation.id);

    const page = await (
      await (await Browserless.signedIn(server.origin, member.email)).get(`/organisations/${organisation.id}`)
    ).text();
    expect(page).toContain(partnership.title);
    expect(page).toContain("Involve");
    expect(page).toContain(invitedTo.title);
    expect(page).toContain("Invited");
    expect(page).not.toContain(left.title);

    const convenerPage = await (
      await (await Browserless.signedIn(server.origin, admin.email)).get(`/organisations/${convener.id}`)
    ).text();
    expect(convenerPage).not.toContain(partnership.title);
    expect(convenerPage).not.toContain("spaces-heading");
  });
});
