import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";
import { baselineOf } from "./support/pages";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const dayMs = 24 * 60 * 60 * 1000;

describe("results, exports, review and report read what was submitted", () => {
  it("ignores draft edits saved after submitting until they are submitted again", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const { organisation, admin: lead } = await createParticipantOrganisation(space.id, "CONSULT", {
      organisation: { name: "Newcomer Women Collective" },
    });
    const consultation = await db().consultation.create({
      data: {
        spaceId: space.id,
        title: "Settlement strategy 2026",
        purpose: "What should the strategy change?",
        status: "open",
        openedAt: new Date(),
        closesAt: new Date(Date.now() + 10 * dayMs),
        feedbackDueAt: new Date(Date.now() + 40 * dayMs),
        createdById: focalPoint.id,
      },
    });
    const text = await db().consultationQuestion.create({
      data: { consultationId: consultation.id, position: 1, kind: "short_text", prompt: "What works well?" },
    });
    const choice = await db().consultationQuestion.create({
      data: {
        consultationId: consultation.id,
        position: 2,
        kind: "single_choice",
        prompt: "Which sector first?",
        options: JSON.stringify(["Housing", "Employment"]),
      },
    });
    const base = `/consultations/${consultation.id}`;
    const respondUrl = `${base}/respond`;
    const representative = await Browserless.signedIn(server.origin, lead.email);
    const convener = await Browserless.signedIn(server.origin, focalPoint.email);

    const post = async (intent: "save" | "submit", answer: string, sector: string) => {
      const page = await (await representative.get(respondUrl)).text();
      const response = await representative.post(respondUrl, {
        intent,
        organisationId: organisation.id,
        aggregated: "false",
        baseline: baselineOf(page, organisation.id),
        [`answers.${text.id}`]: answer,
        [`answers.${choice.id}`]: sector,
      });
      expect(response.status).toBe(302);
    };
    /** What the conveners read now: the results page, both exports. */
    const read = async () => {
      const results = await (await convener.get(`${base}/results`)).text();
      const csv = await (await convener.get(`${base}/export.csv`)).text();
      const json = (await (await convener.get(`${base}/export.json`)).json()) as {
        submissions: { answers: Record<string, unknown>; version: number }[];
      };
      return { results, csv, json };
    };
    /** The number the results page shows in the data table row of a sector. */
    const sectorCount = (html: string, sector: string) => {
      const match = new RegExp(`<th scope="row">${sector}</th><td>(\\d+)</td>`).exec(html);
      return match ? Number(match[1]) : null;
    };

    // Version 1 submitted; the convener's results are computed (and cached) from it.
    await post("submit", "The welcome centre works well.", "Housing");
    let seen = await read();
    expect(seen.results).toContain("The welcome centre works well.");
    expect(sectorCount(seen.results, "Housing")).toBe(1);

    // A colleague revises the input and saves the draft without submitting it: nothing the conveners read moves.
    await post("save", "UNSUBMITTED first revision", "Employment");
    const draft = await db().submission.findFirstOrThrow({ where: { consultationId: consultation.id } });
    expect(JSON.parse(draft.answers)[text.id]).toBe("UNSUBMITTED first revision");
    seen = await read();
    for (const body of [seen.results, seen.csv, JSON.stringify(seen.json)]) {
      expect(body).toContain("The welcome centre works well.");
      expect(body).not.toContain("UNSUBMITTED first revision");
    }
    expect(sectorCount(seen.results, "Housing")).toBe(1);
    expect(sectorCount(seen.results, "Employment")).toBe(0);
    expect(seen.json.submissions[0]).toMatchObject({
      version: 1,
      answers: { [text.id]: "The welcome centre works well.", [choice.id]: "Housing" },
    });

    // Submitted again (version 2): the revision counts, in the cached results page too.
    await post("submit", "Revised: the library works well too.", "Employment");
    seen = await read();
    for (const body of [seen.results, seen.csv, JSON.stringify(seen.json)]) {
      expect(body).toContain("Revised: the library works well too.");
      expect(body).not.toContain("The welcome centre works well.");
    }
    expect(sectorCount(seen.results, "Housing")).toBe(0);
    expect(sectorCount(seen.results, "Employment")).toBe(1);
    expect(seen.json.submissions[0]!.version).toBe(2);

    // Another unsubmitted edit, then the consultation closes, every input is answered and the feedback published.
    await post("save", "UNSUBMITTED second revision", "Housing");
    const response = await db().consultationResponse.create({
      data: {
        consultationId: consultation.id,
        outcome: "accepted",
        explanation: "The library opens on Saturdays.",
        authorId: focalPoint.id,
      },
    });
    await db().submission.update({ where: { id: draft.id }, data: { responseId: response.id } });
    await db().consultation.update({
      where: { id: consultation.id },
      data: { status: "closed", closedAt: new Date() },
    });
    const review = await (await convener.get(`${base}/review`)).text();
    expect(review).toContain("Revised: the library works well too.");
    expect(review).not.toContain("UNSUBMITTED second revision");
    await db().consultation.update({
      where: { id: consultation.id },
      data: { status: "published", publishedAt: new Date() },
    });
    seen = await read();
    for (const body of [seen.results, seen.csv, JSON.stringify(seen.json)]) {
      expect(body).toContain("Revised: the library works well too.");
      expect(body).not.toContain("UNSUBMITTED second revision");
    }
    const report = await (await representative.get(`${base}/report`)).text();
    expect(report).toContain("Revised: the library works well too.");
    expect(report).toContain("The library opens on Saturdays.");
    expect(report).not.toContain("UNSUBMITTED");
  });
});
