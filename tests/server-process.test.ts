import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startConcordProcess } from "./support/process";

const dataDir = mkdtempSync(path.join(tmpdir(), "concord-guard-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const quietly = { DATABASE_URL: `file:${path.join(dataDir, "concord.db")}`, DEMO_DATA: "false" };

async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the Concord process", () => {
  it("logs an exception and a rejection that no code handled, and goes on serving", async () => {
    const concord = await startConcordProcess(dataDir, {
      ...quietly,
      NODE_OPTIONS: `--import ${path.join(import.meta.dirname, "support/stray-errors.mjs")}`,
    });
    concord.child.kill("SIGUSR2");
    await until(
      () => concord.output().includes("a stray rejection from the test"),
      "the rejection's log line",
    );
    await until(
      () => concord.output().includes("a stray exception from the test"),
      "the exception's log line",
    );
    const lines = concord
      .output()
      .split("\n")
      .filter((line) => line.includes("from the test"));
    expect(lines.map((line) => (JSON.parse(line) as { level: number; msg: string }).level)).toEqual([50, 50]);

    const health = await fetch(new URL("/healthz", concord.origin));
    expect(health.status, concord.output()).toBe(200);
    expect(concord.child.exitCode).toBeNull();
    concord.child.kill("SIGTERM");
    expect(await concord.exited).toBe(0);
  });

  it("sweeps the uploads folder once it serves: an old file that no update points to goes", async () => {
    const uploads = path.join(dataDir, "uploads");
    mkdirSync(uploads, { recursive: true });
    const [orphan, recent] = [randomBytes(24).toString("base64url"), randomBytes(24).toString("base64url")];
    writeFileSync(path.join(uploads, orphan), "left behind by a crash");
    writeFileSync(path.join(uploads, recent), "being published");
    const yesterday = new Date(Date.now() - 86_400_000);
    utimesSync(path.join(uploads, orphan), yesterday, yesterday);
    const concord = await startConcordProcess(dataDir, quietly);
    try {
      await until(() => !existsSync(path.join(uploads, orphan)), "the sweep");
      expect(existsSync(path.join(uploads, recent))).toBe(true);
      await until(() => concord.output().includes('"removed":1'), "the sweep's log line");
    } finally {
      concord.child.kill("SIGTERM");
      await concord.exited;
    }
  });

  it("still exits on a fatal start-up error: the port is taken", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as { port: number };
    try {
      await expect(startConcordProcess(dataDir, { ...quietly, PORT: String(port) })).rejects.toThrow(
        /EADDRINUSE.*"msg":"Concord could not start"/s,
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
