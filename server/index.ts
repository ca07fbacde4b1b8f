import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { keyLegacyOrganisationNames } from "~/modules/organisations/names.server";
import { disconnectDb } from "~/utils/db.server";
import { describeDatabaseUrl } from "~/utils/database-url";
import { env } from "~/utils/env.server";
import { createConcordServer } from "./app";
import { startJobQueue } from "./jobs";
import { createLogger } from "./logger";
import { migrateDatabase } from "./migrate";
import { keepServingThroughStrayErrors } from "./process-guard";
import { connectSharedState } from "./shared-state";
import { reaching, StartupError, startupProblem } from "./startup";
import { withStartupLock } from "./startup-lock";

const startupEnv = (() => {
  try {
    return env();
  } catch (error) {
    process.stderr.write(`Concord could not start: ${startupProblem(error)}\n`);
    process.exit(1);
  }
})();
// React and Remix read NODE_ENV when the build is loaded below: without it they run their development
// builds, several times slower.
process.env.NODE_ENV ??= startupEnv.NODE_ENV;
const logger = createLogger(startupEnv.LOG_LEVEL);
const buildPath = path.resolve(import.meta.dirname, "../build/index.js");

async function main() {
  const { DATABASE_URL } = env();
  const migrations = await reaching(
    "DATABASE_URL",
    `the database at ${describeDatabaseUrl(DATABASE_URL)}`,
    () => migrateDatabase(DATABASE_URL),
  );
  logger.info({ applied: migrations.applied }, "database migrated");
  // Loaded only when asked for: the demo data's code (and the question kinds it fills in) is not kept in memory
  // by a server that does not load it.
  const seed = env().DEMO_DATA ? await import("../prisma/seed") : null;
  // Processes starting together on one PostgreSQL take turns: each step finds what the one before did.
  const { lookalikes, demo } = await withStartupLock(DATABASE_URL, "concord.start-up-data", async () => ({
    lookalikes: await keyLegacyOrganisationNames(),
    demo: seed ? await seed.loadDemoDataIfEmpty() : { loaded: false },
  }));
  if (lookalikes.length > 0)
    logger.warn({ lookalikes }, "organisations named like others wait for verification");
  if (demo.loaded) logger.info("demo data loaded");
  const redis = await connectSharedState();
  if (redis) logger.info({ prefix: redis.prefix }, "sharing rooms, limits and presence through Redis");

  if (!existsSync(buildPath)) throw new Error("No build found: run `npm run build` first.");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const { httpServer, realtime } = createConcordServer({ build, logger });

  // A port already taken (or not ours to take) is fatal: the error rejects main() and the process exits.
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(env().PORT, env().HOST, () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  keepServingThroughStrayErrors(logger);
  const jobs = await startJobQueue({ databaseUrl: DATABASE_URL, logger });
  logger.info({ queue: jobs.kind }, "background jobs started");
  // One write, so whoever reads the console sees the address and the accounts together.
  const lines = [`\nConcord is running at ${env().PUBLIC_ORIGIN}\n`];
  if (seed) {
    lines.push("Demo accounts:");
    for (const account of seed.demoAccounts) lines.push(`  ${account.role.padEnd(30)} ${account.email}`);
    lines.push(`  password for all of them: ${seed.demoAccounts[0]?.password ?? ""}\n`);
  }
  process.stdout.write(`${lines.join("\n")}\n`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    httpServer.close();
    httpServer.closeIdleConnections();
    // Jobs stop before the database goes: a run under way finishes (or is handed back to the queue).
    void Promise.all([
      realtime.close(),
      jobs.stop().catch((error: unknown) => logger.error({ err: error }, "could not stop the job queue")),
    ])
      .then(() => Promise.all([disconnectDb(), redis?.client.close()]))
      .then(() => {
        logger.info("stopped");
        process.exit(0);
      });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  const problem = startupProblem(error);
  // A problem with the environment needs no stack trace; anything else keeps it, in the log.
  logger.fatal(error instanceof StartupError ? { problem } : { err: error }, "Concord could not start");
  // One line a person can act on, also when LOG_LEVEL hides the log; the details are in the log above.
  process.stderr.write(`Concord could not start: ${problem}\n`);
  process.exit(1);
});
