import PgBoss from "pg-boss";
import { remindFeedbackDueJob } from "~/modules/consultations/jobs/remind-feedback-due.server";
import { sweepOrphanUploadsJob } from "~/modules/updates/jobs/sweep-orphan-uploads.server";
import { sweepExpiredFormTokensJob } from "~/utils/form-token-sweep.server";
import { isPostgresUrl } from "~/utils/database-url";
import type { JobDefinition } from "~/utils/jobs.server";
import type { Logger } from "./logger";

/**
 * Concord's background jobs (docs/decisions/0018-background-jobs.md). Each is one function in
 * app/modules/<concept>/jobs/, registered here once. The queue is chosen like the database client, by
 * DATABASE_URL: pg-boss on PostgreSQL, whose cron schedules and queues run each job once across every process
 * on that database; on SQLite (one process) an in-process timer. Either way each job also runs once at start,
 * so what came due while Concord was down is not left for a whole period.
 */
export const registeredJobs: readonly JobDefinition[] = [
  remindFeedbackDueJob,
  sweepOrphanUploadsJob,
  sweepExpiredFormTokensJob,
];

export type JobQueue = {
  kind: "pg-boss" | "in-process";
  /** Runs a job now through the queue (on PostgreSQL: a job any process may take) and resolves with its output. */
  runNow: (name: string) => Promise<Record<string, number>>;
  /** Stops taking jobs, waits for the runs under way (at most a few seconds), and closes the queue's connections. */
  stop: () => Promise<void>;
};

/** pg-boss keeps its tables in this schema of Concord's database, created (and migrated) by its start. */
export const jobSchema = "pgboss";

const cronOf = (job: JobDefinition) =>
  job.everyMinutes === 60 ? "0 * * * *" : `*/${job.everyMinutes} * * * *`;

async function runLogged(job: JobDefinition, logger: Logger) {
  try {
    const output = await job.run(new Date());
    if (Object.values(output).some((count) => count > 0))
      logger.info({ job: job.name, ...output }, "job done");
    return output;
  } catch (error) {
    logger.error({ err: error, job: job.name }, "job failed");
    throw error;
  }
}

export async function startJobQueue(options: {
  databaseUrl: string;
  logger: Logger;
  jobs?: readonly JobDefinition[];
}): Promise<JobQueue> {
  const jobs = options.jobs ?? registeredJobs;
  return isPostgresUrl(options.databaseUrl)
    ? startPgBoss(options.databaseUrl, jobs, options.logger)
    : startInProcess(jobs, options.logger);
}

function findJob(jobs: readonly JobDefinition[], name: string) {
  const job = jobs.find((candidate) => candidate.name === name);
  if (!job) throw new Error(`no job named ${name}`);
  return job;
}

/** SQLite: one process, so a timer per job; a tick that finds the job's previous run still going is skipped. */
function startInProcess(jobs: readonly JobDefinition[], logger: Logger): JobQueue {
  const running = new Map<string, Promise<Record<string, number>>>();
  let stopped = false;
  const run = (job: JobDefinition) => {
    const current = running.get(job.name);
    if (current) return current;
    const next = runLogged(job, logger).finally(() => running.delete(job.name));
    running.set(job.name, next);
    return next;
  };
  const timers = jobs.map((job) => {
    const timer = setInterval(() => void run(job).catch(() => undefined), job.everyMinutes * 60_000);
    timer.unref();
    return timer;
  });
  for (const job of jobs) void run(job).catch(() => undefined);
  return {
    kind: "in-process",
    runNow: async (name) => {
      if (stopped) throw new Error("the job queue is stopped");
      const job = findJob(jobs, name);
      // A run already under way may have started before what the caller wants handled: wait, then run anew.
      await running.get(name)?.catch(() => undefined);
      return run(job);
    },
    stop: async () => {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...running.values()]);
    },
  };
}

/** PostgreSQL: pg-boss in Concord's database; any process may take a job, and each job is taken once. */
async function startPgBoss(
  databaseUrl: string,
  jobs: readonly JobDefinition[],
  logger: Logger,
): Promise<JobQueue> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: jobSchema,
    application_name: "concord-jobs",
    max: 4,
  });
  boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
  await boss.start();
  // A job no longer registered (renamed, removed) keeps no schedule.
  for (const schedule of await boss.getSchedules())
    if (!jobs.some((job) => job.name === schedule.name)) await boss.unschedule(schedule.name);
  for (const job of jobs) {
    // A failed run is retried three times, a minute apart and then longer; one that hangs expires in 15 minutes.
    await boss.createQueue(job.name, {
      name: job.name,
      policy: "standard",
      retryLimit: 3,
      retryDelay: 60,
      retryBackoff: true,
      expireInSeconds: 15 * 60,
    });
    // Every process writes the same schedule (an upsert); pg-boss sends each cron tick's job once.
    await boss.schedule(job.name, cronOf(job), {}, { tz: "UTC" });
    await boss.work<object>(job.name, { pollingIntervalSeconds: 2 }, () => runLogged(job, logger));
    // The start-up run: processes starting together send one job (one per key and period).
    await boss.send(job.name, {}, { singletonKey: "start", singletonSeconds: job.everyMinutes * 60 });
  }
  return {
    kind: "pg-boss",
    runNow: async (name) => {
      findJob(jobs, name);
      const id = await boss.send(name, {});
      if (!id) throw new Error(`pg-boss did not take a job for ${name}`);
      for (;;) {
        const found = await boss.getJobById<object>(name, id);
        if (found?.state === "completed") return found.output as Record<string, number>;
        if (found?.state === "failed" || found?.state === "cancelled" || !found)
          throw new Error(
            `job ${name} ${found?.state ?? "vanished"}: ${JSON.stringify(found?.output ?? {})}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 5_000, close: true }),
  };
}
