import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyPostgresMigrations } from "../../server/migrate";
import { createDatabase, dropDatabases, testsUsePostgres } from "./postgres";

/**
 * Builds the Remix app and the server once for the servers the tests start, and gives the run its own data folder (and, on
 * PostgreSQL, its own migrated template database, which every worker copies: tests/support/worker-setup.ts).
 */
export default async function setup() {
  const root = path.resolve(import.meta.dirname, "../..");
  execFileSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: root,
    stdio: "pipe",
    env: { ...process.env, NODE_ENV: "production" },
  });
  // The compiled server that the tests starting Concord as `npm start` does run (scripts/start.mjs).
  execFileSync(process.execPath, [path.join(root, "scripts/build-server.mjs")], { cwd: root, stdio: "pipe" });
  const runDir = mkdtempSync(path.join(tmpdir(), "concord-test-"));
  process.env.CONCORD_TEST_RUN_DIR = runDir;
  const runId = `concord_test_${path.basename(runDir).slice("concord-test-".length).toLowerCase()}`;
  process.env.CONCORD_TEST_RUN_ID = runId;
  if (testsUsePostgres()) await applyPostgresMigrations(await createDatabase(runId));
  return async () => {
    rmSync(runDir, { recursive: true, force: true });
    if (testsUsePostgres()) await dropDatabases(runId);
  };
}
