import { createRequire } from "node:module";
import type { createAdapter as CreateAdapter } from "@socket.io/redis-streams-adapter";
import type { ServerOptions } from "socket.io";
import {
  redisReady,
  sharedRedis,
  type RedisClient,
  type SharedRedis,
  type RedisStatus,
} from "~/utils/redis.server";
import type { Logger } from "./logger";
import { reaching } from "./startup";

/**
 * What several Concord processes share through Redis (REDIS_URL, ADR 0016): socket.io rooms and broadcasts (the
 * Redis Streams adapter, which also keeps connection state recovery working when a client comes back to another
 * process), and rate limits (app/utils/rate-limiter.server.ts). Without REDIS_URL this process is all of Concord.
 */

/** At start: waits until Redis answers, or fails with a line naming REDIS_URL. */
export async function connectSharedState(): Promise<SharedRedis | null> {
  const redis = sharedRedis();
  if (!redis) return null;
  const { host } = new URL(process.env.REDIS_URL ?? "redis://localhost");
  await reaching("REDIS_URL", `Redis at ${host}`, () => redisReady(redis));
  return redis;
}

/** Logs Redis going away (a warning: limits now count per process) and coming back; returns the unsubscriber. */
export function logSharedState(redis: SharedRedis | null, logger: Logger): () => void {
  if (!redis) return () => undefined;
  const onChange = (status: RedisStatus, error: Error | undefined) => {
    if (status === "down")
      logger.warn(
        { err: error },
        "Redis is unreachable: rate limits count in this process and live messages reach its own sockets only until it returns",
      );
    else logger.info("Redis is reachable again: rate limits and live messages are shared again");
  };
  redis.changes.on("change", onChange);
  return () => redis.changes.off("change", onChange);
}

/** The socket.io adapter option: rooms shared through Redis Streams, or socket.io's default when there is no Redis. */
export function socketAdapterOption(redis = sharedRedis()): Partial<Pick<ServerOptions, "adapter">> {
  if (!redis) return {};
  const name = `${redis.prefix}:socket.io`;
  // Loaded only with REDIS_URL, as the Redis client is (app/utils/redis.server.ts).
  const { createAdapter } = createRequire(import.meta.url)("@socket.io/redis-streams-adapter") as {
    createAdapter: typeof CreateAdapter;
  };
  return {
    adapter: createAdapter(adapterClient(redis.client), {
      streamName: name,
      channelPrefix: name,
      sessionKeyPrefix: `${name}:session:`,
    }) as ServerOptions["adapter"],
  };
}

/**
 * The client the adapter is given. The adapter sends heartbeats, presence requests and the sessions it keeps for
 * recovery without awaiting them: while Redis is away (commands fail at once, see redis.server.ts) each would be
 * an unhandled rejection, which ends the process, so those failures are dropped here; the adapter's broadcasts
 * do await theirs and still reach this process's sockets. Its readers, duplicates of this client, wait for Redis
 * in a queue instead, or the adapter's read loop would spin.
 */
function adapterClient(client: RedisClient): RedisClient {
  const fireAndForget = new Set<PropertyKey>(["publish", "sPublish", "set"]);
  return new Proxy(client, {
    get(target, property) {
      if (property === "duplicate") return () => target.duplicate({ disableOfflineQueue: false });
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      if (!fireAndForget.has(property)) return method;
      return (...args: unknown[]) => (method(...args) as Promise<unknown>).catch(() => undefined);
    },
  });
}
