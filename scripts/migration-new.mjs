// npm run migration:new -- <name>
// Writes prisma/migrations/<UTC YYYYMMDDHHMMSS>_<name>/migration.sql: the SQL that takes the database the
// existing migrations build to the current prisma/schema.prisma. Works offline (scripts/prisma-diff.mjs,
// docs/decisions/0002-offline-migrations.md).
import path from "node:path";
import { rmSync } from "node:fs";
import { tsImport } from "tsx/esm/api";
import {
  copyMigrations,
  migrationsDir,
  nextMigrationName,
  pendingMigrationSql,
  root,
  writeMigration,
} from "./prisma-diff.mjs";

const usage = `Usage: npm run migration:new -- <name>

Diffs the database that prisma/migrations builds against prisma/schema.prisma and writes the
difference as prisma/migrations/<UTC timestamp>_<name>/migration.sql. Writes nothing when they match.`;

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(usage);
  process.exit(0);
}
if (args.length !== 1 || args[0].startsWith("-")) {
  console.error(`${usage}\n\nGive exactly one name, e.g. npm run migration:new -- add_person_bio`);
  process.exit(1);
}

try {
  const { applyMigrations } = await tsImport("../server/migrate.ts", import.meta.url);
  const migrationName = nextMigrationName(args[0]);

  console.log("Comparing prisma/migrations with prisma/schema.prisma (Prisma 6.19 Wasm schema engine)…");
  const sql = pendingMigrationSql(applyMigrations);
  if (!sql) {
    console.log("No schema changes: prisma/migrations already builds prisma/schema.prisma. Nothing written.");
    process.exit(0);
  }

  // Try it on a copy first: the migrations plus this one must apply cleanly and leave nothing to diff.
  const scratch = copyMigrations();
  try {
    writeMigration(migrationName, sql, scratch);
    const rest = pendingMigrationSql(applyMigrations, { dir: scratch });
    if (rest) throw new Error(`the new migration does not reach the schema; still missing:\n${rest}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const file = writeMigration(migrationName, sql, migrationsDir);
  console.log(`\nWrote ${path.relative(root, file)}:\n\n${sql}`);
  if (sql.includes("-- Re-create the triggers")) {
    console.log("Note: the migration redefines tables that have triggers; it re-creates them at the end.");
  }
  if (/DROP (TABLE|COLUMN)/.test(sql)) {
    console.log("Note: check that tables being dropped or redefined keep the data you need.");
  }
  console.log("Review it, then commit it with the schema change. The server applies it at start-up.");
} catch (error) {
  console.error(`migration:new failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
