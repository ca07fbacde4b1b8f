import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { singleton } from "~/utils/singleton.server";

// Failed sign-ins: 5 per account and 20 per address in 15 minutes; past that, 15 minutes' wait.
const window = 15 * 60;

function limiters() {
  return singleton("sign-in-limiters", () => ({
    account: new RateLimiterMemory({
      keyPrefix: "sign-in-account",
      points: 5,
      duration: window,
      blockDuration: window,
    }),
    address: new RateLimiterMemory({
      keyPrefix: "sign-in-address",
      points: 20,
      duration: window,
      blockDuration: window,
    }),
  }));
}

/** Seconds the caller must wait before trying again, or 0 when a sign-in attempt may go ahead. */
export async function signInWaitSeconds(email: string, address: string): Promise<number> {
  const { account, address: byAddress } = limiters();
  const [forAccount, forAddress] = await Promise.all([account.get(email), byAddress.get(address)]);
  const wait = (res: RateLimiterRes | null, points: number) =>
    res && res.consumedPoints >= points ? Math.ceil(res.msBeforeNext / 1000) : 0;
  return Math.max(wait(forAccount, 5), wait(forAddress, 20));
}

export async function recordFailedSignIn(email: string, address: string) {
  const { account, address: byAddress } = limiters();
  await Promise.all([
    account.consume(email).catch(() => undefined),
    byAddress.consume(address).catch(() => undefined),
  ]);
}

export async function clearFailedSignIns(email: string) {
  await limiters().account.delete(email);
}
