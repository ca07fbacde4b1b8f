import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { DomainError } from "~/utils/errors";
import { createRateLimiter } from "~/utils/rate-limiter.server";
import { singleton } from "~/utils/singleton.server";

const minute = 60;
const hour = 60 * minute;

type Limit = { points: number; duration: number; waitUnit: "minute" | "hour"; message: string };

/**
 * How often one may do what costs other people something: registrations an administrator must review,
 * and mail to addresses that did not ask for it. Each limit names the catalogue message that says how
 * many minutes or hours to wait (as `count`, for its plural forms).
 */
export const limits = {
  /** Registrations from one client address, or by one signed-in person. */
  registrations: {
    points: 5,
    duration: hour,
    waitUnit: "minute",
    message: "registration.limits.registrations",
  },
  /**
   * Registration mails to one address. Counted the same whether the address has an account (the mail
   * warns its owner) or not (the mail asks to confirm it), so reaching the limit reveals nothing either.
   */
  registrationMails: {
    points: 3,
    duration: hour,
    waitUnit: "minute",
    message: "registration.limits.registrationMails",
  },
  invitationsPerOrganisation: {
    points: 20,
    duration: hour,
    waitUnit: "minute",
    message: "invitations.limits.perOrganisation",
  },
  invitationsPerPerson: {
    points: 50,
    duration: 24 * hour,
    waitUnit: "hour",
    message: "invitations.limits.perPerson",
  },
  /** New confirmation links a person asks for. */
  confirmationMails: {
    points: 3,
    duration: hour,
    waitUnit: "minute",
    message: "registration.limits.confirmationMails",
  },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof limits;

/**
 * The one place a limit's counter is made: in Redis when processes share one (REDIS_URL), so they count
 * together, in this process's memory otherwise (app/utils/rate-limiter.server.ts).
 */
function createCounter(name: LimitName): RateLimiterAbstract {
  const { points, duration } = limits[name];
  return createRateLimiter({ keyPrefix: `abuse-${name}`, points, duration });
}

function counter(name: LimitName): RateLimiterAbstract {
  return singleton(`abuse-limit:${name}`, () => createCounter(name));
}

/**
 * Counts one use of each limit for its key, in order. The first one that is reached throws its
 * DomainError (on `field`, if given) with `count`, the minutes or hours to wait; the later ones are not
 * counted.
 */
export async function spend(uses: [name: LimitName, key: string][], field?: string): Promise<void> {
  for (const [name, key] of uses) {
    try {
      await counter(name).consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const { waitUnit, message } = limits[name];
      const unitSeconds = waitUnit === "hour" ? hour : minute;
      const count = Math.max(1, Math.ceil(error.msBeforeNext / 1000 / unitSeconds));
      throw new DomainError(message, field, { count });
    }
  }
}
