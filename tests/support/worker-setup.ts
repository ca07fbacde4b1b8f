import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { applyMigrations } from "../../server/migrate";

// One real SQLite file per test worker, migrated once when the worker starts.
const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0";
const runDir = process.env.CONCORD_TEST_RUN_DIR ?? path.resolve("data/test-run");
const workerDir = path.join(runDir, `worker-${worker}`);

if (process.env.CONCORD_TEST_WORKER_DIR !== workerDir) {
  rmSync(workerDir, { recursive: true, force: true });
  mkdirSync(workerDir, { recursive: true });
  process.env.CONCORD_TEST_WORKER_DIR = workerDir;
  process.env.NODE_ENV = "test";
  process.env.LOG_LEVEL = "silent";
  process.env.DATA_DIR = workerDir;
  process.env.DATABASE_URL = `file:${path.join(workerDir, "concord.db")}`;
  process.env.DEMO_DATA = "false";
  process.env.TRUST_PROXY = "true";
  applyMigrations(path.join(workerDir, "concord.db"));
}
