import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { createRequire } from "node:module";
import type { PrismaPg as PrismaPgAdapter } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "~/generated/prisma-postgres/client";
import { isPostgresUrl } from "./database-url";
import { TransactionGate } from "./sqlite-gate.server";
import { env } from "./env.server";
import { forgetSingleton, singleton } from "./singleton.server";

/**
 * Everything is typed against the SQLite client. The PostgreSQL client is generated from the same schema
 * (scripts/prisma-generate.mjs) and differs only in provider-specific options Concord does not use, such as
 * `mode: "insensitive"` (docs/decisions/0016-postgresql-and-redis.md).
 */
export type Db = PrismaClient;

/** Packages only PostgreSQL needs (the pg driver keeps ≈ 13 MB resident) load when DATABASE_URL names it. */
const loadPackage = createRequire(import.meta.url);
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** A statement the client sent, with its parameters as JSON (what Prisma's "query" event carries). */
export type SentStatement = { query: string; params: string };

/**
 * A new client of DATABASE_URL. `onStatement` sees every statement it sends: the test that checks the plans
 * of list queries reads them (tests/list-plans.test.ts); the app's own client has none.
 */
export function createDbClient(onStatement?: (statement: SentStatement) => void): PrismaClient {
  const url = env().DATABASE_URL;
  const log = onStatement ? [{ emit: "event" as const, level: "query" as const }] : [];
  const postgres = () => {
    const { PrismaPg } = loadPackage("@prisma/adapter-pg") as { PrismaPg: typeof PrismaPgAdapter };
    return new PostgresPrismaClient({
      adapter: new PrismaPg({ connectionString: url, connectionTimeoutMillis: 5000 }),
      log,
    }) as unknown as PrismaClient<"query">;
  };
  const client = isPostgresUrl(url) ? postgres() : sqlite(url, log);
  if (onStatement) (client as PrismaClient<"query">).$on("query", onStatement);
  return client as PrismaClient;
}

/** A SQLite client whose statements wait for an open transaction to end (app/utils/sqlite-gate.server.ts). */
function sqlite(url: string, log: { emit: "event"; level: "query" }[]) {
  const gate = new TransactionGate();
  const client = new PrismaClient({
    adapter: gate.guard(new PrismaBetterSqlite3({ url, timeout: 5000 })),
    log,
  });
  const transaction = client.$transaction.bind(client) as (...args: unknown[]) => Promise<unknown>;
  client.$transaction = ((...args: unknown[]) =>
    gate.runTransaction(() => transaction(...args))) as PrismaClient["$transaction"];
  return client;
}

/** The one database client of this process, created on first use. */
export function db(): PrismaClient {
  return singleton("db", () => createDbClient());
}

export async function disconnectDb() {
  const store = globalThis as unknown as { __concordSingletons?: Map<string, unknown> };
  const client = store.__concordSingletons?.get("db") as PrismaClient | undefined;
  if (client) {
    forgetSingleton("db");
    await client.$disconnect();
  }
}

/**
 * A `contains` filter that ignores case on both databases: Prisma's SQLite `contains` is a LIKE, which folds
 * ASCII letters; on PostgreSQL that takes `mode: "insensitive"` (ILIKE), which the SQLite client type lacks.
 */
export function containsText(text: string): { contains: string } {
  return isPostgresUrl(env().DATABASE_URL)
    ? ({ contains: text, mode: "insensitive" } as { contains: string })
    : { contains: text };
}

export async function isDatabaseReachable(): Promise<boolean> {
  try {
    await db().$queryRawUnsafe("SELECT CAST(1 AS INTEGER) AS ok");
    return true;
  } catch {
    return false;
  }
}
