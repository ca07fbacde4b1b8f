import pg from "pg";

/**
 * `CONCORD_TEST_DATABASE=postgres npm test` runs the suite on PostgreSQL: the global setup migrates one template
 * database per run, and each test worker gets its own copy of it (CREATE DATABASE … TEMPLATE is a file copy).
 */
export const testsUsePostgres = () => process.env.CONCORD_TEST_DATABASE === "postgres";

/** The server the test databases are created on; any database there will do for CREATE DATABASE. */
export const postgresAdminUrl = () =>
  process.env.CONCORD_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function databaseUrl(name: string) {
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdminUrl() });
  await client.connect();
  try {
    await client.query("SET client_min_messages = warning");
    return await work(client);
  } finally {
    await client.end();
  }
}

const identifier = (name: string) => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`);
  return `"${name}"`;
};

/** A new, empty database (dropped first if a previous run left it); returns its URL. */
export async function createDatabase(name: string, template?: string): Promise<string> {
  await withAdmin(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${identifier(name)} WITH (FORCE)`);
    await admin.query(
      `CREATE DATABASE ${identifier(name)}${template ? ` TEMPLATE ${identifier(template)}` : ""}`,
    );
  });
  return databaseUrl(name);
}

/** Drops every database whose name starts with `prefix`. */
export async function dropDatabases(prefix: string) {
  await withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
      [prefix],
    );
    for (const { datname } of rows)
      await admin.query(`DROP DATABASE IF EXISTS ${identifier(datname)} WITH (FORCE)`);
  });
}

/**
 * Whether the PostgreSQL server of the tests answers. Tests that need it (the PostgreSQL migrations, several
 * processes) are skipped with a notice when it does not, except in CI, where .ci/run starts it: there a
 * missing server fails the run rather than passing it silently.
 */
export async function postgresAvailable(): Promise<boolean> {
  try {
    await withAdmin(async (admin) => admin.query("SELECT 1"));
    return true;
  } catch (error) {
    const message = `These tests need PostgreSQL at ${postgresAdminUrl()} (or set CONCORD_TEST_POSTGRES_URL): ${(error as Error).message}.`;
    if (process.env.CI) throw new Error(message);
    console.warn(`${message} Skipping them.`);
    return false;
  }
}
