import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { applyMigrations } from "../../server/migrate";
import { createDatabase, testsUsePostgres } from "./postgres";

// One real database per test worker, ready when the worker starts: a migrated SQLite file, or with
// CONCORD_TEST_DATABASE=postgres a copy of the run's migrated PostgreSQL template (tests/support/global-setup.ts).
// With REDIS_URL set, the worker's servers share rooms, limits and presence through Redis under their own prefix.
const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0";
const runDir = process.env.CONCORD_TEST_RUN_DIR ?? path.resolve("data/test-run");
const runId = process.env.CONCORD_TEST_RUN_ID ?? "concord_test_local";
const workerDir = path.join(runDir, `worker-${worker}`);

if (process.env.CONCORD_TEST_WORKER_DIR !== workerDir) {
  rmSync(workerDir, { recursive: true, force: true });
  mkdirSync(workerDir, { recursive: true });
  process.env.CONCORD_TEST_WORKER_DIR = workerDir;
  process.env.NODE_ENV = "test";
  process.env.LOG_LEVEL = "silent";
  process.env.DATA_DIR = workerDir;
  process.env.DEMO_DATA = "false";
  process.env.TRUST_PROXY = "true";
  process.env.REDIS_PREFIX = `${runId}_w${worker}`;
  if (testsUsePostgres()) {
    process.env.DATABASE_URL = await createDatabase(`${runId}_w${worker}`, runId);
  } else {
    process.env.DATABASE_URL = `file:${path.join(workerDir, "concord.db")}`;
    applyMigrations(path.join(workerDir, "concord.db"));
  }
}
