import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../prisma/seed";
import { Browserless } from "./support/server";
import { projectRoot, startCommand, startConcordProcess } from "./support/process";

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

describe("the production server", () => {
  it("is compiled ahead of time: plain JavaScript with no TypeScript loader, and no code from tests/", () => {
    expect(startCommand.join(" ")).not.toMatch(/tsx/);
    const compiled = readFileSync(path.join(projectRoot, "build/server.js"), "utf8");
    // esbuild heads every module it compiles in with its path.
    const modules = [...compiled.matchAll(/^\/\/ (\S+\.tsx?)$/gm)].map((match) => match[1]);
    expect(modules).toContain("server/index.ts");
    expect(modules).toContain("prisma/factories/people.ts");
    expect(modules.filter((module) => module?.startsWith("tests/"))).toEqual([]);
    expect(compiled).not.toMatch(/from "tsx|from "~\//);
  });
});
