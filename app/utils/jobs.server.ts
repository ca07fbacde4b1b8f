/**
 * A background job: one function in app/modules/<concept>/jobs/, registered once in server/jobs.ts, which runs
 * it every `everyMinutes` minutes — through pg-boss's cron on PostgreSQL (once across every process), from an
 * in-process timer on SQLite (one process). A run must be idempotent: a retried or doubled run changes nothing
 * a first run already did (docs/decisions/0018-background-jobs.md).
 */
export type JobDefinition = {
  /** The queue's name: `<concept>.<verb-noun>`. */
  name: string;
  /** How often it runs, in minutes; divides 60, so that the cron schedule `*\/n * * * *` keeps the same rhythm. */
  everyMinutes: number;
  /** One run; what it returns (counts) is logged and kept as the job's output. */
  run: (now: Date) => Promise<Record<string, number>>;
};

export function defineJob(job: JobDefinition): JobDefinition {
  if (!Number.isInteger(job.everyMinutes) || job.everyMinutes < 1 || 60 % job.everyMinutes !== 0)
    throw new Error(`job ${job.name}: everyMinutes must divide 60`);
  if (!/^[a-z-]+\.[a-z-]+$/.test(job.name)) throw new Error(`job ${job.name}: name it <concept>.<verb-noun>`);
  return job;
}
