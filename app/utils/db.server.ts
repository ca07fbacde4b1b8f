import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "~/generated/prisma-postgres/client";
import { isPostgresUrl } from "./database-url";
import { env } from "./env.server";
import { forgetSingleton, singleton } from "./singleton.server";

/**
 * Everything is typed against the SQLite client. The PostgreSQL client is generated from the same schema
 * (scripts/prisma-generate.mjs) and differs only in provider-specific options Concord does not use, such as
 * `mode: "insensitive"` (docs/decisions/0016-postgresql-and-redis.md).
 */
export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

function createClient(): PrismaClient {
  const url = env().DATABASE_URL;
  if (isPostgresUrl(url)) {
    const adapter = new PrismaPg({ connectionString: url, connectionTimeoutMillis: 5000 });
    return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  }
  const adapter = new PrismaBetterSqlite3({ url, timeout: 5000 });
  return new PrismaClient({ adapter });
}

/** The one database client of this process, created on first use. */
export function db(): PrismaClient {
  return singleton("db", createClient);
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
