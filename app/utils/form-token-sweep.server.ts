import { defineJob } from "./jobs.server";
import { sweepExpiredFormTokens } from "./form-token.server";

/** Forgets the form tokens past their lifetime (a day): removing a row twice is harmless, so overlapping runs are. */
export const sweepExpiredFormTokensJob = defineJob({
  name: "forms.sweep-expired-tokens",
  everyMinutes: 30,
  run: async (now) => ({ removed: await sweepExpiredFormTokens(now) }),
});
