// The start-up data work (keying legacy organisation names, loading demo data) runs under a PostgreSQL advisory
// lock, so two processes starting together on one database take turns (server/startup-lock.ts); SQLite runs it.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { withStartupLock } from "../server/startup-lock";
import { testsUsePostgres } from "./support/postgres";

const databaseUrl = () => process.env.DATABASE_URL!;

describe("the start-up lock", () => {
  it("runs the work and hands back its result", async () => {
    expect(await withStartupLock(databaseUrl(), "concord.test-lock-result", async () => 42)).toBe(42);
    await expect(
      withStartupLock(databaseUrl(), "concord.test-lock-error", () => Promise.reject(new Error("failed"))),
    ).rejects.toThrow("failed");
  });

  it.runIf(testsUsePostgres())(
    "makes a second process wait until the first is done, then runs it",
    async () => {
      const name = "concord.test-lock-turns";
      const order: string[] = [];
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const firstIn = new Promise<void>((resolve) => (entered = resolve));
      const first = withStartupLock(databaseUrl(), name, async () => {
        order.push("first in");
        entered();
        await held;
        order.push("first out");
      });
      await firstIn;
      const second = withStartupLock(databaseUrl(), name, async () => {
        order.push("second in");
      });
      // The second waits on the lock: PostgreSQL shows its advisory lock not granted while the first holds it.
      const watcher = new pg.Client({ connectionString: databaseUrl() });
      await watcher.connect();
      try {
        const deadline = Date.now() + 10_000;
        for (;;) {
          const { rows } = await watcher.query<{ waiting: string }>(
            "SELECT count(*) AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = hashtext($1)::oid",
            [name],
          );
          if (Number(rows[0]?.waiting) === 1) break;
          if (Date.now() > deadline) throw new Error("the second caller never waited on the lock");
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await watcher.end();
      }
      expect(order).toEqual(["first in"]);
      release();
      await Promise.all([first, second]);
      expect(order).toEqual(["first in", "first out", "second in"]);
    },
  );
});
