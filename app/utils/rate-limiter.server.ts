import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { sharedRedis } from "./redis.server";

type LimitOptions = { keyPrefix: string; points: number; duration: number };

/**
 * A limit counted for all of Concord: in Redis when several processes share one (REDIS_URL), each process
 * counting the same keys; in this process otherwise. While Redis is away the limit is counted in this process
 * (rate-limiter-flexible's insurance limiter), so sign-in keeps working, limited per process (ADR 0016).
 */
export function createRateLimiter(options: LimitOptions): RateLimiterAbstract {
  const redis = sharedRedis();
  if (!redis) return new RateLimiterMemory(options);
  return new RateLimiterRedis({
    ...options,
    keyPrefix: `${redis.prefix}:limit:${options.keyPrefix}`,
    storeClient: redis.client,
    useRedisPackage: true,
    insuranceLimiter: new RateLimiterMemory(options),
  });
}
