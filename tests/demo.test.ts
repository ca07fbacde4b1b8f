import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../prisma/seed";
import { startConcordProcess, type RunningConcord } from "./support/process";
import { Browserless } from "./support/server";

/*
 * The demo accounts do what the README says they do: the ministry focal point and the local-authority officer
 * see a convener's view of their spaces (they decide who takes part, and see the invitation still waiting),
 * the CSO representative a participant's (without that invitation).
 */

const dataDir = mkdtempSync(path.join(tmpdir(), "concord-demo-"));
let concord: RunningConcord;
let spaceIds: Record<string, string>;

beforeAll(async () => {
  concord = await startConcordProcess(dataDir);
  const database = new Database(path.join(dataDir, "concord.db"), { readonly: true });
  try {
    const rows = database.prepare(`SELECT id, title FROM "Space"`).all() as { id: string; title: string }[];
    spaceIds = Object.fromEntries(rows.map((row) => [row.title, row.id]));
  } finally {
    database.close();
  }
});
afterAll(async () => {
  concord.child.kill("SIGTERM");
  await concord.exited;
  rmSync(dataDir, { recursive: true, force: true });
});

async function signedIn(role: (typeof demoAccounts)[number]["role"]) {
  const account = demoAccounts.find((candidate) => candidate.role === role)!;
  const client = new Browserless(concord.origin);
  await client.signIn(account.email, account.password);
  return client;
}

const national = "Inter-ministerial working group on migration and integration";
const lip = "Ottawa Local Immigration Partnership";
const waiting = "Ottawa Newcomer Youth Network";
const message = "Young newcomers are missing from the partnership";

describe("the demo", () => {
  it("lets the ministry focal point and the local-authority officer convene their spaces", async () => {
    for (const [role, title] of [
      ["Ministry focal point", national],
      ["Local-authority officer", lip],
    ] as const) {
      const client = await signedIn(role);
      const participants = await (await client.get(`/spaces/${spaceIds[title]}/participants`)).text();
      expect(participants, role).toContain('value="invite"');
      expect(participants, role).toContain('value="change-level"');
      expect((await client.get(`/spaces/${spaceIds[title]}/promise`)).status, role).toBe(200);
    }
    const officer = await signedIn("Local-authority officer");
    expect(await (await officer.get(`/spaces/${spaceIds[lip]}/participants`)).text()).toContain(waiting);
    expect(await (await officer.get(`/spaces/${spaceIds[lip]}/levels`)).text()).toContain(message);
  });

  it("lets the focal point's colleague, a member of the ministry, do the everyday work only", async () => {
    const client = new Browserless(concord.origin);
    await client.signIn("youssef.benali@interior.example", demoAccounts[0].password);
    const space = `/spaces/${spaceIds[national]}`;
    expect((await client.get(`${space}/consultations/new`)).status).toBe(200);
    const updates = await (await client.get(`${space}/updates`)).text();
    expect(updates).toContain('name="title"');
    const participants = await client.get(`${space}/participants`);
    expect(participants.status).toBe(200);
    expect(await participants.text()).not.toContain('value="invite"');
    expect((await client.get(`${space}/promise`)).status).toBe(403);
  });

  it("shows the CSO representative a participant's view, without the invitation still waiting", async () => {
    const client = await signedIn("CSO representative");
    for (const page of ["", "/participants", "/levels", "/engagement", "/consultations"]) {
      const response = await client.get(`/spaces/${spaceIds[lip]}${page}`);
      expect(response.status, page).toBe(200);
      const body = await response.text();
      expect(body, page).not.toContain(waiting);
      expect(body, page).not.toContain(message);
    }
    const participants = await (await client.get(`/spaces/${spaceIds[lip]}/participants`)).text();
    expect(participants).toContain("Catholic Centre for Immigrants");
    expect(participants).not.toContain('value="invite"');
  });

  it("gives the Ottawa LIP a channel with weeks of messages, threads, a mention and a hidden message", async () => {
    const client = await signedIn("CSO representative");
    const overview = await (await client.get(`/spaces/${spaceIds[lip]}`)).text();
    expect(overview).toMatch(/>10 unread</);
    const list = await (await client.get(`/spaces/${spaceIds[lip]}/channels`)).text();
    const link = /href="(\/spaces\/[^/"]+\/channels\/[^"/?#]+)"/.exec(list);
    expect(link).not.toBeNull();
    const channel = await (await client.get(link![1]!)).text();
    expect(channel).toContain("10 new messages since your last visit.");
    expect(channel).toContain("@Grace Mensah, could OCISC present the youth survey results");
    expect(channel).toContain("Older messages");
    expect(channel).toContain("Advertising is not allowed in the partnership");
    expect(channel).not.toContain("Buy cheap followers");
    const olderLink = /href="([^"]*\?before=[^"]+)"/.exec(channel)![1]!.replace(/&amp;/g, "&");
    const older = await client.get(olderLink);
    expect(older.status).toBe(200);
    expect(await older.text()).toContain("Newer messages");
    expect(channel).toMatch(/\d+ repl(y|ies)/);
    expect(await (await client.get("/notifications")).text()).toContain(
      "Marc Tremblay mentioned you in General",
    );
  });

  it("meets the CSO representative on their home page with an open consultation to answer, and the officer with what waits", async () => {
    const cso = await (await (await signedIn("CSO representative")).get("/")).text();
    expect(cso).toContain("Childcare during language classes: designing the pilot");
    expect(cso).toContain("Your organisation has not started its input.");
    const officer = await (await (await signedIn("Local-authority officer")).get("/")).text();
    expect(officer).toContain("Spaces you convene");
    expect(officer).toContain(lip);
  });

  it("shows the Ottawa LIP's adopted action plan, with a report waiting for the officer's review", async () => {
    const cso = await (
      await (await signedIn("CSO representative")).get(`/spaces/${spaceIds[lip]}/plan`)
    ).text();
    expect(cso).toContain("Ottawa Immigration Strategy — action plan 2026–2028");
    expect(cso).toContain("Childcare during language courses for migrant women");
    expect(cso).toContain("Anti-rumour campaign with community ambassadors");
    expect(cso).toContain("Ottawa LIP Council, resolution 2026-02");
    expect(cso).toContain("Overdue");
    const officer = await (
      await (await signedIn("Local-authority officer")).get(`/spaces/${spaceIds[lip]}/plan`)
    ).text();
    expect(officer).toContain("1 report to review");
    const childcare = cso.match(
      /href="(\/spaces\/[^"]+\/plan\/actions\/[^"]+)"[^>]*>Childcare during language courses/,
    )?.[1];
    const action = await (await (await signedIn("CSO representative")).get(childcare!)).text();
    expect(action).toContain("Mothers of young children enrolled in evening language classes");
    expect(action).toMatch(/2026-Q3 · Actual<\/th><td>151<\/td>/);
  });

  it("rolls the Sorsogon working group's plan up on the Bicol regional committee's plan page", async () => {
    const client = new Browserless(concord.origin);
    await client.signIn("maria.santos@dmw-bicol.example", "concord-demo-2026");
    const bicol = spaceIds["Bicol Regional Committee on Migration and Development"];
    const page = await (await client.get(`/spaces/${bicol}/plan`)).text();
    expect(page).toContain("1 plan of a space under this one, by integration domain:");
    expect(page).toMatch(/<th scope="row">Economic<\/th><td>1<\/td><td>2<\/td><td>53%<\/td>/);
  });
});
