import { mkdtempSync, rmSync } from "node:fs";
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
