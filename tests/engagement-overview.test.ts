import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engagementOverview } from "~/modules/engagement/overview.server";
import { db } from "~/utils/db.server";
import { addMember, createOrganisation, createPerson } from "../prisma/factories/people";
import {
  addConvenerRow,
  addParticipant,
  createConvenedSpace,
  createParticipantOrganisation,
} from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";
import { pageLink } from "./support/pages";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const zero = { INFORM: 0, CONSULT: 0, INVOLVE: 0, COLLABORATE: 0, EMPOWER: 0 };

describe("the engagement overview", () => {
  it("counts active participant organisations per level and type, and conveners apart", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const city = await createOrganisation({ type: "local_authority" });
    await addConvenerRow(space.id, city.id);
    for (const [type, level, status] of [
      ["cso", "INFORM", "active"],
      ["cso", "INFORM", "active"],
      ["migrant_association", "INFORM", "active"],
      ["cso", "INVOLVE", "active"],
      ["academic", "EMPOWER", "active"],
      ["cso", "CONSULT", "invited"],
      ["cso", "CONSULT", "declined"],
      ["trade_union", "COLLABORATE", "left"],
    ] as const) {
      const organisation = await createOrganisation({ type });
      await addParticipant(space.id, organisation.id, level, { status, changedById: focalPoint.id });
    }

    const overview = await engagementOverview(space.id);
    expect(overview.byLevel).toEqual({ ...zero, INFORM: 3, INVOLVE: 1, EMPOWER: 1 });
    expect(overview.participants).toBe(5);
    expect(overview.conveners).toBe(2);
    expect(overview.types).toEqual(["cso", "migrant_association", "academic"]);
    expect(overview.byType.INFORM).toEqual({ cso: 2, migrant_association: 1 });
    expect(overview.byType.INVOLVE).toEqual({ cso: 1 });
    expect(overview.byType.EMPOWER).toEqual({ academic: 1 });
    expect(overview.byType.CONSULT).toEqual({});
  });

  it("rebuilds the count per level at the end of each of the last twelve months from the level history", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => createOrganisation()));
    const change = (organisationId: string, kind: string, toLevel: string | null, at: string) =>
      db().levelChange.create({
        data: {
          spaceId: space.id,
          organisationId,
          kind,
          toLevel,
          changedById: focalPoint.id,
          createdAt: new Date(at),
        },
      });
    await change(b!.id, "joined", "INFORM", "2025-05-01T10:00:00Z"); // before the window
    await change(a!.id, "invited", "CONSULT", "2025-08-10T10:00:00Z"); // invited: not active yet
    await change(a!.id, "joined", "CONSULT", "2025-09-05T10:00:00Z");
    await change(b!.id, "request-approved", "INVOLVE", "2025-12-31T23:59:00Z");
    await change(c!.id, "invited", "INFORM", "2026-01-10T10:00:00Z");
    await change(c!.id, "invitation-changed", "COLLABORATE", "2026-02-01T10:00:00Z"); // changed while invited
    await change(c!.id, "joined", null, "2026-03-02T10:00:00Z"); // joins at the level it was invited at
    await change(a!.id, "left", null, "2026-04-20T10:00:00Z");
    await change(d!.id, "joined", "EMPOWER", "2026-06-14T10:00:00Z");
    await change(d!.id, "removed", null, "2026-06-16T10:00:00Z"); // after now
    await change(b!.id, "convener-added", null, "2026-05-03T10:00:00Z"); // not a participant level

    const { history } = await engagementOverview(space.id, { now: new Date("2026-06-15T12:00:00Z") });
    const rows = Object.fromEntries(history.map((point) => [point.month, point.counts]));
    expect(history.map((point) => point.month)).toEqual([
      "2025-07",
      "2025-08",
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
    ]);
    expect(rows["2025-07"]).toEqual({ ...zero, INFORM: 1 });
    expect(rows["2025-08"]).toEqual({ ...zero, INFORM: 1 });
    expect(rows["2025-09"]).toEqual({ ...zero, INFORM: 1, CONSULT: 1 });
    expect(rows["2025-11"]).toEqual({ ...zero, INFORM: 1, CONSULT: 1 });
    expect(rows["2025-12"]).toEqual({ ...zero, CONSULT: 1, INVOLVE: 1 });
    expect(rows["2026-02"]).toEqual({ ...zero, CONSULT: 1, INVOLVE: 1 });
    expect(rows["2026-03"]).toEqual({ ...zero, CONSULT: 1, INVOLVE: 1, COLLABORATE: 1 });
    expect(rows["2026-04"]).toEqual({ ...zero, INVOLVE: 1, COLLABORATE: 1 });
    expect(rows["2026-05"]).toEqual({ ...zero, INVOLVE: 1, COLLABORATE: 1 });
    expect(rows["2026-06"]).toEqual({ ...zero, INVOLVE: 1, COLLABORATE: 1, EMPOWER: 1 });
  });
});

describe("the engagement overview page", () => {
  it("shows participants a labelled chart with the same numbers in data tables", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const { admin } = await createParticipantOrganisation(space.id, "CONSULT", {
      organisation: { type: "migrant_association" },
    });
    for (const level of ["INFORM", "INFORM", "INVOLVE"] as const) {
      const organisation = await createOrganisation({ type: "cso" });
      await addParticipant(space.id, organisation.id, level, { changedById: focalPoint.id });
    }
    const client = await Browserless.signedIn(server.origin, admin.email);
    const response = await client.get(`/spaces/${space.id}/engagement`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("Engagement overview");
    expect(page).toContain("4 organisations take part in this space.");
    expect(page).toContain("1 organisation convenes it.");
    expect(page).toMatch(
      /<figure[^>]*>\s*<svg role="img" aria-label="Participating organisations per engagement level: Inform: 2, Consult: 1, Involve: 1, Collaborate: 0, Empower: 0"/,
    );
    expect(page).toContain("<figcaption>");
    expect(page).toContain("<caption>Participating organisations by engagement level and type</caption>");
    expect(page).toContain('<th scope="col">Migrant or diaspora association</th>');
    expect(page).toContain(
      "<caption>Participating organisations per engagement level at the end of each month</caption>",
    );
    expect(page).toMatch(
      /aria-label="Participating organisations per engagement level from [^"]+ to [^"]+: Inform: 0 → 2,/,
    );
    expect(page).not.toMatch(/\sstyle="/);
  });

  it("is in French and Arabic too", async () => {
    const { space } = await createConvenedSpace();
    const { admin } = await createParticipantOrganisation(space.id, "INVOLVE");
    await db().person.update({ where: { id: admin.id }, data: { locale: "ar" } });
    const client = await Browserless.signedIn(server.origin, admin.email);
    const page = await (await client.get(`/spaces/${space.id}/engagement`)).text();
    expect(page).toContain("نظرة عامة على المشاركة");
    expect(page).toContain('direction="ltr"');
  });

  it("is hidden from an invited organisation, which sees only its invitation, and from outsiders (404)", async () => {
    const { space } = await createConvenedSpace();
    const { admin: invited } = await createParticipantOrganisation(space.id, "CONSULT", {
      status: "invited",
    });
    const outsider = await createPerson();
    await addMember(outsider.id, (await createOrganisation()).id, { role: "admin" });
    const invitedClient = await Browserless.signedIn(server.origin, invited.email);
    expect((await invitedClient.get(`/spaces/${space.id}/engagement`)).status).toBe(404);
    const outsiderClient = await Browserless.signedIn(server.origin, outsider.email);
    expect((await outsiderClient.get(`/spaces/${space.id}/engagement`)).status).toBe(404);
  });
});

describe("the audit trail of a space", () => {
  async function spaceWithEvents(count: number) {
    const { space, convener, focalPoint } = await createConvenedSpace();
    const start = Date.parse("2026-01-01T00:00:00Z");
    await db().auditEvent.createMany({
      data: Array.from({ length: count }, (_, index) => ({
        actorId: focalPoint.id,
        organisationId: convener.id,
        spaceId: space.id,
        action: index === count - 1 ? "space.level-changed" : "space.update-published",
        subjectType: "space",
        subjectId: space.id,
        createdAt: new Date(start + index * 60_000),
      })),
    });
    return { space, convener, focalPoint };
  }

  it("shows conveners who did what for which organisation, newest first, fifty to a page", async () => {
    const { space, convener, focalPoint } = await spaceWithEvents(55);
    await db().auditEvent.create({
      data: {
        actorId: focalPoint.id,
        spaceId: space.id,
        action: "space.something-new",
        subjectType: "space",
        subjectId: space.id,
        createdAt: new Date("2025-12-01T00:00:00Z"),
      },
    });
    const elsewhere = await createConvenedSpace();
    await db().auditEvent.create({
      data: {
        actorId: elsewhere.focalPoint.id,
        spaceId: elsewhere.space.id,
        action: "space.created",
        subjectType: "space",
        subjectId: elsewhere.space.id,
      },
    });
    const client = await Browserless.signedIn(server.origin, focalPoint.email);
    const first = await (await client.get(`/spaces/${space.id}/audit`)).text();
    const rows = (html: string) =>
      html.split("<tbody>")[1]?.split("</tbody>")[0]?.match(/<tr>/g)?.length ?? 0;
    expect(rows(first)).toBe(50);
    expect(first).toContain("Audit trail");
    expect(first).toContain(focalPoint.name);
    expect(first).toContain(convener.name);
    expect(first.indexOf("Level changed")).toBeLessThan(first.indexOf("Update published"));
    expect(first).toContain(`Space: ${space.title}`);
    expect(first).not.toContain(elsewhere.space.title);
    expect(pageLink(first, "prev")).toBeNull();
    const older = pageLink(first, "next");
    expect(older).toMatch(/^\/spaces\/[^/]+\/audit\?cursor=/);
    const second = await (await client.get(older!)).text();
    expect(rows(second)).toBe(6);
    expect(second).toContain("space.something-new"); // no catalogue message: the raw action name
    expect(pageLink(second, "next")).toBeNull();
    const newer = await (await client.get(pageLink(second, "prev")!)).text();
    expect(rows(newer)).toBe(50);
    expect(pageLink(newer, "prev")).toBeNull();
  });

  it("is refused to participants (403) and hidden from outsiders (404)", async () => {
    const { space } = await spaceWithEvents(1);
    const { admin } = await createParticipantOrganisation(space.id, "EMPOWER");
    const outsider = await createPerson();
    const participantClient = await Browserless.signedIn(server.origin, admin.email);
    expect((await participantClient.get(`/spaces/${space.id}/audit`)).status).toBe(403);
    const outsiderClient = await Browserless.signedIn(server.origin, outsider.email);
    expect((await outsiderClient.get(`/spaces/${space.id}/audit`)).status).toBe(404);
  });
});
