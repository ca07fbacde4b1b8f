import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { env } from "./env.server";
import { forgetSingleton, singleton } from "./singleton.server";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

function createClient(): PrismaClient {
  const adapter = new PrismaBetterSqlite3({ url: env().DATABASE_URL, timeout: 5000 });
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

export async function isDatabaseReachable(): Promise<boolean> {
  try {
    await db().$queryRawUnsafe("SELECT CAST(1 AS INTEGER) AS ok");
    return true;
  } catch {
    return false;
  }
}
