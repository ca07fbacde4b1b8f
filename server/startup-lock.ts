import pg from "pg";
import { isPostgresUrl } from "~/utils/database-url";

/**
 * Runs `work` holding a PostgreSQL advisory lock named `name`, so that of several processes starting together
 * on one database one does it at a time: the second waits, then finds the work done (what it runs must be
 * idempotent). The lock lives on a connection of its own, which the session lock needs, and goes with it if
 * the process dies. On SQLite there is one process: `work` just runs.
 */
export async function withStartupLock<T>(
  databaseUrl: string,
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  if (!isPostgresUrl(databaseUrl)) return work();
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [name]);
    try {
      return await work();
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext($1))", [name]);
    }
  } finally {
    await client.end();
  }
}
