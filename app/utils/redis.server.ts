import { EventEmitter } from "node:events";
import { createRequire } from "node:module";
import type { createClient as CreateClient } from "redis";
import { env } from "./env.server";
import { singleton } from "./singleton.server";

// Commands fail at once while Redis is away instead of waiting in a queue, so that a request never hangs on it:
// the rate limits fall back to this process, broadcasts still reach this process's sockets (ADR 0016).
// The client loads only when REDIS_URL is set: a single process does not keep it in memory (≈ 14 MB).
const loadPackage = createRequire(import.meta.url);
const newClient = (url: string) =>
  (loadPackage("redis") as { createClient: typeof CreateClient }).createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 5000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) },
  });

export type RedisClient = ReturnType<typeof newClient>;

/** "down" once Redis stops answering, "up" when it answers again: the server logs both (server/shared-state.ts). */
export type RedisStatus = "up" | "down";

export type SharedRedis = {
  client: RedisClient;
  /** Prefix for every key and channel of this Concord (REDIS_PREFIX). */
  prefix: string;
  status: () => RedisStatus;
  changes: EventEmitter<{ change: [RedisStatus, Error | undefined] }>;
};

function connect(url: string, prefix: string): SharedRedis {
  const client = newClient(url);
  const changes = new EventEmitter<{ change: [RedisStatus, Error | undefined] }>();
  let status: RedisStatus = "down";
  const become = (next: RedisStatus, error?: Error) => {
    if (next === status) return;
    status = next;
    changes.emit("change", next, error);
  };
  // Without an "error" listener a lost connection would end the process; the client reconnects by itself.
  client.on("error", (error: Error) => become("down", error));
  client.on("ready", () => become("up"));
  client.connect().catch(() => undefined);
  return { client, prefix, status: () => status, changes };
}

/** The Redis that several Concord processes share (REDIS_URL), or null when this process is all of Concord. */
export function sharedRedis(): SharedRedis | null {
  const { REDIS_URL, REDIS_PREFIX } = env();
  if (!REDIS_URL) return null;
  return singleton(`redis ${REDIS_URL} ${REDIS_PREFIX}`, () => connect(REDIS_URL, REDIS_PREFIX));
}

/** Resolves once Redis answers; rejects with its error when it does not within `ms`. */
export async function redisReady(redis: SharedRedis, ms = 5000): Promise<void> {
  if (redis.status() === "up") return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.changes.off("change", onChange);
      reject(Object.assign(new Error(`no answer within ${ms / 1000} s`), { code: "ETIMEDOUT" }));
    }, ms);
    const onChange = (status: RedisStatus) => {
      if (status !== "up") return;
      clearTimeout(timer);
      redis.changes.off("change", onChange);
      resolve();
    };
    redis.changes.on("change", onChange);
  });
}

export async function isRedisReachable(redis: SharedRedis): Promise<boolean> {
  try {
    return (await redis.client.ping()) === "PONG";
  } catch {
    return false;
  }
}
