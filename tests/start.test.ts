import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../prisma/seed";
import { Browserless } from "./support/server";
import { startConcordProcess } from "./support/process";

const dataDir = mkdtempSync(path.join(tmpdir(), "concord-start-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("starting Concord as `npm start` does", () => {
  it("migrates, loads the demo once, prints the accounts, serves, and stops cleanly on SIGTERM", async () => {
    const first = await startConcordProcess(dataDir);
    expect(first.output()).toContain(`Concord is running at ${first.origin}`);
    for (const account of demoAccounts) expect(first.output()).toContain(account.email);
    expect(first.output()).toContain("demo data loaded");

    const health = await fetch(new URL("/healthz", first.origin));
    expect(await health.json()).toMatchObject({ status: "ok", database: true });
    const cso = demoAccounts.find((account) => account.role === "CSO representative")!;
    const client = new Browserless(first.origin);
    await client.signIn(cso.email, cso.password);
    const home = await (await client.get("/")).text();
    expect(home, first.output()).toContain("Grace Mensah");

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('"msg":"stopped"');

    const second = await startConcordProcess(dataDir);
    expect(second.output()).toContain('"applied":[]');
    expect(second.output()).not.toContain("demo data loaded");
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });
});
