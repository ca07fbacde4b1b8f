// Writing SQL migrations without the network, shared by scripts/migration-new.mjs and
// tests/migrations.test.ts. Prisma 7's CLI needs a native schema engine from Prisma's CDN, so the diff
// runs on Prisma 6.19.3's Wasm schema engine (the `prisma6` devDependency) against a database that
// server/migrate.ts built from prisma/migrations (SQLite) or prisma/migrations-postgres (PostgreSQL, on a
// scratch database of a local server) (docs/decisions/0002-offline-migrations.md, 0016).
import Database from "better-sqlite3";
import pg from "pg";
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { postgresSchema, root, schemaPath } from "./prisma-schema.mjs";

export { root, schemaPath };
export const migrationsDir = path.join(root, "prisma/migrations");
export const postgresMigrationsDir = path.join(root, "prisma/migrations-postgres");
const diffConfigPath = path.join(root, "prisma/migrate-diff-db.config.ts");
const postgresDiffConfigPath = path.join(root, "prisma/migrate-diff-postgres.config.ts");
/** The PostgreSQL server on which the scripts and tests create their scratch databases. */
export const postgresAdminUrl = () =>
  process.env.CONCORD_MIGRATION_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const prisma6Cli = path.join(root, "node_modules/prisma6/build/index.js");

/** What `prisma migrate diff --script` prints when there is nothing to do. */
export const EMPTY_MIGRATION = "-- This is an empty migration.";

/**
 * Prisma's CLI looks for its native schema engine before any command; the Wasm engine and `generate`
 * never run it, so any executable that exits 1 will do. Same path as scripts/prisma-generate.mjs.
 */
export function ensureEngineStub() {
  const stub = path.join(tmpdir(), "concord-prisma-stub", "schema-engine-stub");
  if (!existsSync(stub)) {
    mkdirSync(path.dirname(stub), { recursive: true });
    const partial = `${stub}.${process.pid}`;
    writeFileSync(partial, "#!/bin/sh\nexit 1\n", { mode: 0o755 });
    renameSync(partial, stub);
  }
  return stub;
}

/** Prisma 7 schemas have no datasource `url`; Prisma 6 insists on one (it is never used with an adapter). */
export function withDatasourceUrl(schema) {
  return schema.replace(/(datasource\s+\w+\s*\{)([^}]*)\}/, (block, head, body) => {
    if (/^\s*url\s*=/m.test(body)) return block;
    const url = /"postgresql"/.test(body) ? "postgresql://unused@localhost/unused" : "file:dummy.db";
    return `${head}${body.trimEnd()}\n  url      = "${url}"\n}`;
  });
}

/** Runs the Prisma 6 CLI offline and returns its standard output. */
export function runPrisma6(args, env = {}) {
  const stub = ensureEngineStub();
  const result = spawnSync(process.execPath, [prisma6Cli, ...args], {
    cwd: root,
    encoding: "utf8",
    env: {
      ...process.env,
      PRISMA_QUERY_ENGINE_LIBRARY: stub,
      PRISMA_SCHEMA_ENGINE_BINARY: stub,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
      ...env,
    },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`prisma6 ${args.join(" ")} failed:\n${(result.stderr || result.stdout).trim()}`);
  }
  return result.stdout
    .split("\n")
    .filter((line) => !line.startsWith("Loaded Prisma config from"))
    .join("\n");
}

/**
 * The SQL that turns the SQLite database in `dbFile` into `schemaFile`, exactly as Prisma prints it
 * (EMPTY_MIGRATION when they match). `_prisma_migrations` is ignored by Prisma; triggers are invisible
 * to it (see keepTriggers). The database is only read.
 */
export function diffDatabaseToSchema(dbFile, schemaFile = schemaPath) {
  return diffToSchema("sqlite", path.resolve(dbFile), schemaFile);
}

/** diffDatabaseToSchema for the PostgreSQL database at `databaseUrl`, against the schema's PostgreSQL form. */
export function diffPostgresDatabaseToSchema(databaseUrl, schemaFile = schemaPath) {
  return diffToSchema("postgresql", databaseUrl, schemaFile);
}

function diffToSchema(provider, database, schemaFile) {
  const work = mkdtempSync(path.join(tmpdir(), "concord-diff-"));
  try {
    const noMigrations = path.join(work, "migrations");
    mkdirSync(noMigrations);
    writeFileSync(path.join(noMigrations, "migration_lock.toml"), `provider = "${provider}"\n`);
    const target = path.join(work, "schema.prisma");
    const schema = readFileSync(schemaFile, "utf8");
    writeFileSync(target, withDatasourceUrl(provider === "postgresql" ? postgresSchema(schema) : schema));
    const config = provider === "postgresql" ? postgresDiffConfigPath : diffConfigPath;
    const args = ["migrate", "diff", "--config", config, "--from-migrations", noMigrations];
    args.push("--to-schema-datamodel", target, "--script");
    const output = runPrisma6(args, { CONCORD_DIFF_DATABASE: database });
    return output.trim();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function isEmptyDiff(sql) {
  return sql.trim() === "" || sql.trim() === EMPTY_MIGRATION;
}

/**
 * Prisma changes most SQLite columns by redefining the table (create "new_X", copy, drop "X", rename),
 * and dropping a table drops its triggers, which Prisma does not know about. Re-create, at the end of the
 * migration, the triggers that `dbFile` has on every table the SQL redefines.
 */
export function keepTriggers(sql, dbFile) {
  const redefined = new Set(
    [...sql.matchAll(/ALTER TABLE "new_([^"]+)" RENAME TO "\1"/g)].map((match) => match[1]),
  );
  if (redefined.size === 0) return sql;
  const db = new Database(dbFile, { readonly: true });
  let triggers;
  try {
    triggers = db
      .prepare(`SELECT tbl_name AS tableName, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`)
      .all()
      .filter((trigger) => redefined.has(trigger.tableName));
  } finally {
    db.close();
  }
  if (triggers.length === 0) return sql;
  return [
    sql.trimEnd(),
    "",
    "-- Re-create the triggers dropped with the redefined tables (added by npm run migration:new).",
    ...triggers.map((trigger) => `${trigger.sql};`),
    "",
  ].join("\n");
}

/**
 * The SQL of the next migration: applies the migrations in `dir` to an empty temporary database with
 * `applyMigrations` (server/migrate.ts) and diffs that against `schemaFile`. Returns "" when they match.
 */
export function pendingMigrationSql(applyMigrations, { schemaFile = schemaPath, dir = migrationsDir } = {}) {
  const work = mkdtempSync(path.join(tmpdir(), "concord-migrations-"));
  try {
    const dbFile = path.join(work, "current.db");
    applyMigrations(dbFile, dir);
    const sql = diffDatabaseToSchema(dbFile, schemaFile);
    return isEmptyDiff(sql) ? "" : keepTriggers(`${sql}\n`, dbFile);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * A new database on the PostgreSQL server of postgresAdminUrl(), given to `work` by URL and dropped after it.
 * Fails with a message saying how to point the scripts at a server when there is none.
 */
export async function withScratchPostgres(work) {
  const name = `concord_scratch_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl() });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `the PostgreSQL twin of each migration is diffed on a local PostgreSQL server, and none answers at ` +
        `${postgresAdminUrl()} (${error.message}). Start one, or set CONCORD_MIGRATION_POSTGRES_URL to a ` +
        `database URL on a server where this user may CREATE DATABASE.`,
    );
  }
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(postgresAdminUrl());
    url.pathname = `/${name}`;
    return await work(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/**
 * pendingMigrationSql for PostgreSQL: applies the migrations in `dir` to a scratch database with
 * `applyPostgresMigrations` (server/migrate.ts) and diffs it against the schema's PostgreSQL form.
 */
export async function pendingPostgresMigrationSql(
  applyPostgresMigrations,
  { schemaFile = schemaPath, dir = postgresMigrationsDir } = {},
) {
  return withScratchPostgres(async (url) => {
    await applyPostgresMigrations(url, dir);
    const sql = diffPostgresDatabaseToSchema(url, schemaFile);
    return isEmptyDiff(sql) ? "" : `${sql}\n`;
  });
}

/** The migration folders of `dir`, in the order they apply. */
export function migrationNames(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
}

/** "Add person bio" → "add_person_bio", as Prisma names migration folders. */
export function migrationSlug(name) {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

const utcStamp = (date) => date.toISOString().replace(/\D/g, "").slice(0, 14);

/**
 * `<UTC YYYYMMDDHHMMSS>_<slug>`, moved one second past the newest migration in `dir` if the clock is
 * behind it, so that migrations always apply in the order they were written.
 */
export function nextMigrationName(name, { dir = migrationsDir, now = new Date() } = {}) {
  const slug = migrationSlug(name);
  if (!slug) throw new Error(`"${name}" makes an empty migration name; use letters, digits and _`);
  let stamp = utcStamp(now);
  const newest = existsSync(dir)
    ? readdirSync(dir)
        .map((entry) => entry.slice(0, 14))
        .filter((prefix) => /^\d{14}$/.test(prefix))
        .sort()
        .at(-1)
    : undefined;
  if (newest && stamp <= newest) {
    const [, y, mo, d, h, mi, s] = newest.match(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/).map(Number);
    stamp = utcStamp(new Date(Date.UTC(y, mo - 1, d, h, mi, s + 1)));
  }
  return `${stamp}_${slug}`;
}

/** Writes `<dir>/<migrationName>/migration.sql` and returns its path. */
export function writeMigration(migrationName, sql, dir = migrationsDir) {
  const folder = path.join(dir, migrationName);
  if (existsSync(folder)) throw new Error(`${folder} already exists`);
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, "migration.sql");
  writeFileSync(file, sql.endsWith("\n") ? sql : `${sql}\n`);
  return file;
}

/** A scratch copy of the migrations folder, for trying a migration before it is written for real. */
export function copyMigrations(dir = migrationsDir) {
  const copy = mkdtempSync(path.join(tmpdir(), "concord-migrations-copy-"));
  cpSync(dir, copy, { recursive: true });
  return copy;
}
