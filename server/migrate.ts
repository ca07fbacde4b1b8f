import Database from "better-sqlite3";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { isPostgresUrl, sqliteFilePath } from "~/utils/database-url";

export const migrationsDir = path.resolve(import.meta.dirname, "../prisma/migrations");
export const postgresMigrationsDir = path.resolve(import.meta.dirname, "../prisma/migrations-postgres");

export type MigrationResult = { applied: string[]; alreadyApplied: number };

/** Applies the migration set of the database `DATABASE_URL` names: prisma/migrations or prisma/migrations-postgres. */
export async function migrateDatabase(databaseUrl: string): Promise<MigrationResult> {
  return isPostgresUrl(databaseUrl)
    ? applyPostgresMigrations(databaseUrl)
    : applyMigrations(sqliteFilePath(databaseUrl));
}

/**
 * Applies prisma/migrations/<name>/migration.sql in order and keeps Prisma's own `_prisma_migrations`
 * bookkeeping, so `prisma migrate status/deploy` understand the database wherever Prisma's engine can
 * run (docs/decisions/0002-offline-migrations.md).
 */
export function applyMigrations(sqliteFile: string, dir = migrationsDir): MigrationResult {
  if (sqliteFile !== ":memory:") mkdirSync(path.dirname(path.resolve(sqliteFile)), { recursive: true });
  const sqlite = new Database(sqliteFile);
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL,
      "checksum" TEXT NOT NULL,
      "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL,
      "logs" TEXT,
      "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
    )`);
    const applied = new Map(
      (
        sqlite
          .prepare(
            `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
          )
          .all() as { migration_name: string; checksum: string }[]
      ).map((row) => [row.migration_name, row.checksum]),
    );

    const result: MigrationResult = { applied: [], alreadyApplied: 0 };
    for (const migration of pendingMigrations(dir, applied, result))
      applyOne(sqlite, migration.name, migration.sql, migration.checksum);
    return result;
  } finally {
    sqlite.close();
  }
}

type Migration = { name: string; sql: string; checksum: string };

/**
 * The migrations in `dir` not applied yet (counted in `result` as they are returned, so that the caller applies
 * them in order); refuses a migration whose file changed after it was applied.
 */
function* pendingMigrations(
  dir: string,
  applied: Map<string, string>,
  result: MigrationResult,
): Generator<Migration> {
  for (const name of listMigrations(dir)) {
    const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
    const checksum = createHash("sha256").update(sql).digest("hex");
    const recorded = applied.get(name);
    if (recorded) {
      if (recorded !== checksum) {
        throw new Error(`Migration ${name} was changed after it was applied; write a new migration instead.`);
      }
      result.alreadyApplied++;
      continue;
    }
    yield { name, sql, checksum };
    result.applied.push(name);
  }
}

function listMigrations(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
}

function applyOne(sqlite: Database.Database, name: string, sql: string, checksum: string) {
  const id = randomUUID();
  sqlite
    .prepare(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES (?, ?, ?, ?)`,
    )
    .run(id, checksum, name, Date.now());
  // Prisma's table redefinitions toggle foreign keys, which SQLite ignores inside a transaction: switch
  // them off around it and check them before committing instead.
  sqlite.pragma("foreign_keys = OFF");
  try {
    sqlite.transaction(() => {
      sqlite.exec(sql);
      const violations = sqlite.pragma("foreign_key_check") as unknown[];
      if (violations.length > 0) throw new Error(`foreign key violations: ${JSON.stringify(violations)}`);
    })();
    sqlite
      .prepare(`UPDATE "_prisma_migrations" SET finished_at = ?, applied_steps_count = 1 WHERE id = ?`)
      .run(Date.now(), id);
  } catch (error) {
    sqlite.prepare(`UPDATE "_prisma_migrations" SET logs = ? WHERE id = ?`).run(String(error), id);
    throw new Error(`Migration ${name} failed: ${(error as Error).message}`);
  } finally {
    sqlite.pragma("foreign_keys = ON");
  }
}

/** Prisma's own lock key for `migrate deploy`: processes starting together migrate one after the other. */
const migrationLockKey = 72707369;

/**
 * The PostgreSQL twin of applyMigrations: the same bookkeeping in Prisma's PostgreSQL `_prisma_migrations`, each
 * migration and its record in one transaction (PostgreSQL's DDL is transactional), under an advisory lock.
 */
export async function applyPostgresMigrations(
  databaseUrl: string,
  dir = postgresMigrationsDir,
): Promise<MigrationResult> {
  // Loaded only for PostgreSQL: a SQLite server does not keep the driver in memory.
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SET client_min_messages = warning");
    await client.query("SELECT pg_advisory_lock($1)", [migrationLockKey]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const rows = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.rows.map((row) => [row.migration_name, row.checksum]));
    const result: MigrationResult = { applied: [], alreadyApplied: 0 };
    for (const { name, sql, checksum } of pendingMigrations(dir, applied, result)) {
      try {
        await client.query("BEGIN");
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), checksum, name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`);
      }
    }
    return result;
  } finally {
    await client.end();
  }
}
