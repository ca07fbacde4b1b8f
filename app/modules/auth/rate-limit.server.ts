import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { DomainError } from "~/utils/errors";
import { createRateLimiter } from "~/utils/rate-limiter.server";
import { singleton } from "~/utils/singleton.server";
import { verifyAgainstDecoy, verifyPassword } from "./password.server";

const quarterHour = 15 * 60;

/**
 * The limits on password checks (ADR 0008), shared by every process through Redis when there is one (ADR 0016). From a device the person signed in from before: 5 failures
 * per 15 minutes for that device, and nothing else, so nobody else can lock the owner out there. From
 * anywhere else: 20 per 15 minutes per address, 5 per 15 minutes per account and address, and 100 an hour per
 * account, against guessing spread over many addresses.
 */
function limiters() {
  return singleton("password-check-limiters", () => ({
    knownDevice: createRateLimiter({ keyPrefix: "password-device", points: 5, duration: quarterHour }),
    address: createRateLimiter({ keyPrefix: "password-address", points: 20, duration: quarterHour }),
    accountFromAddress: createRateLimiter({
      keyPrefix: "password-account-address",
      points: 5,
      duration: quarterHour,
    }),
    account: createRateLimiter({ keyPrefix: "password-account", points: 100, duration: 60 * 60 }),
  }));
}

/** A limit a check counts against; after the right password its count from this place starts again. */
type Limit = { limiter: RateLimiterAbstract; key: string; forgiveOnSuccess: boolean };

function limitsFor({ email, address, knownDeviceId }: PasswordCheck): Limit[] {
  const all = limiters();
  if (knownDeviceId) return [{ limiter: all.knownDevice, key: knownDeviceId, forgiveOnSuccess: true }];
  return [
    { limiter: all.address, key: address, forgiveOnSuccess: false },
    { limiter: all.accountFromAddress, key: `${email} ${address}`, forgiveOnSuccess: true },
    { limiter: all.account, key: email, forgiveOnSuccess: false },
  ];
}

type PasswordCheck = {
  email: string;
  address: string;
  /** The device cookie's id when it was issued to this account (known-device.server.ts), else null. */
  knownDeviceId: string | null;
  /** null for an unknown account: the check then takes as long as a real one. */
  passwordHash: string | null;
  password: string;
  /** The form field a refusal belongs to, if any. */
  field?: string;
};

/**
 * Verifies a password within the limits. Each check takes its point from every limit before the password is
 * verified, so a burst of parallel requests never gets more checks than the limits allow; past a limit it
 * throws `auth.tooManyAttempts` unchecked. The right password gives back the point it took.
 */
export async function verifyPasswordWithinLimits(check: PasswordCheck): Promise<boolean> {
  const limits = limitsFor(check);
  for (const { limiter, key } of limits) {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw new DomainError("auth.tooManyAttempts", check.field, {
        minutes: Math.ceil(rejection.msBeforeNext / 60_000),
      });
    }
  }
  const valid = check.passwordHash
    ? await verifyPassword(check.passwordHash, check.password)
    : await verifyAgainstDecoy(check.password);
  if (valid) {
    await Promise.all(
      limits.map(({ limiter, key, forgiveOnSuccess }) =>
        forgiveOnSuccess ? limiter.delete(key) : limiter.reward(key),
      ),
    );
  }
  return valid;
}
