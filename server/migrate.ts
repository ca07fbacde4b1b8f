import Database from "better-sqlite3";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const migrationsDir = path.resolve(import.meta.dirname, "../prisma/migrations");

export type MigrationResult = { applied: string[]; alreadyApplied: number };

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
    for (const name of listMigrations(dir)) {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      const recorded = applied.get(name);
      if (recorded) {
        if (recorded !== checksum) {
          throw new Error(
            `Migration ${name} was changed after it was applied; write a new migration instead.`,
          );
        }
        result.alreadyApplied++;
        continue;
      }
      applyOne(sqlite, name, sql, checksum);
      result.applied.push(name);
    }
    return result;
  } finally {
    sqlite.close();
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
