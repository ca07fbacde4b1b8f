import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations } from "../../server/migrate";
import { startConcordProcess } from "../../tests/support/process";
import { Browserless } from "../../tests/support/server";
import { defaultTestPassword } from "../../prisma/factories/people";
import { onExit, removeAtExit, type Server } from "./processes";

/**
 * A fresh data folder with a migrated database, removed when the benchmark ends. This process's own
 * database client (used to seed) points at it too.
 */
export function concordDataDir(name: string) {
  const dataDir = mkdtempSync(path.join(tmpdir(), `concord-bench-${name}-`));
  removeAtExit(dataDir);
  const dbFile = path.join(dataDir, "concord.db");
  process.env.DATABASE_URL = `file:${dbFile}`;
  process.env.DATA_DIR = dataDir;
  applyMigrations(dbFile);
  return { dataDir, dbFile };
}

/** Concord as benchmarks reach it: `origin` is 127.0.0.1; `publicOrigin` is what its pages' Origin header says. */
export type ConcordServer = Server & { publicOrigin: string; output: () => string };

/** Starts Concord the way the tests do (its own process, production build, no demo data, quiet logs). */
export async function startConcord(dataDir: string): Promise<ConcordServer> {
  const { child, origin, exited, output } = await startConcordProcess(dataDir, {
    LOG_LEVEL: "warn",
    DEMO_DATA: "false",
  });
  const kill = () => child.kill("SIGTERM");
  const forget = onExit(kill);
  return {
    name: "Concord",
    origin: origin.replace("localhost", "127.0.0.1"),
    publicOrigin: origin,
    output,
    pid: child.pid!,
    stop: async () => {
      kill();
      await exited;
      forget();
    },
  };
}

/** Signs in through the real sign-in form and returns the Cookie header a browser would then send. */
export async function signedInCookie(server: ConcordServer, email: string, password = defaultTestPassword) {
  const client = await Browserless.signedIn(server.publicOrigin, email, password);
  return client.cookieHeader();
}
