import { defineJob } from "~/utils/jobs.server";
import { sweepOrphanUploads } from "../files.server";

/**
 * Removes uploaded files that no update points to and that nothing has written to for an hour (what a request
 * cut short by a crash left behind; ADR 0005). Removing a file twice is harmless, so overlapping runs are too.
 */
export const sweepOrphanUploadsJob = defineJob({
  name: "updates.sweep-orphan-uploads",
  everyMinutes: 15,
  run: async (now) => ({ removed: await sweepOrphanUploads(now.getTime()) }),
});
