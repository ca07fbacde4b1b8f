// npm run migration:new -- <name>
// Writes the next migration for both databases: prisma/migrations/<UTC YYYYMMDDHHMMSS>_<name>/migration.sql
// (SQLite) and prisma/migrations-postgres/<the same name>/migration.sql (PostgreSQL), each the SQL that takes the
// database its set builds to the current prisma/schema.prisma. Works offline; the PostgreSQL diff needs a local
// PostgreSQL server for a scratch database (scripts/prisma-diff.mjs, docs/decisions/0002 and 0016).
import path from "node:path";
import { rmSync } from "node:fs";
import { tsImport } from "tsx/esm/api";
import {
  copyMigrations,
  migrationNames,
  migrationsDir,
  nextMigrationName,
  pendingMigrationSql,
  pendingPostgresMigrationSql,
  postgresMigrationsDir,
  root,
  writeMigration,
} from "./prisma-diff.mjs";

const usage = `Usage: npm run migration:new -- <name>

Diffs the databases that prisma/migrations (SQLite) and prisma/migrations-postgres (PostgreSQL) build against
prisma/schema.prisma and writes each difference as <set>/<UTC timestamp>_<name>/migration.sql, under one name.
When only the PostgreSQL set is behind (a SQLite migration without its twin, e.g. after a merge), it writes the
twin under the name of that SQLite migration instead. Writes nothing when both sets match the schema.
The PostgreSQL diff runs on a scratch database of CONCORD_MIGRATION_POSTGRES_URL
(default postgresql://postgres@127.0.0.1:5432/postgres).`;

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(usage);
  process.exit(0);
}
if (args.length !== 1 || args[0].startsWith("-")) {
  console.error(`${usage}\n\nGive exactly one name, e.g. npm run migration:new -- add_person_bio`);
  process.exit(1);
}

const sets = {
  sqlite: { label: "SQLite", dir: migrationsDir },
  postgresql: { label: "PostgreSQL", dir: postgresMigrationsDir },
};

try {
  const { applyMigrations, applyPostgresMigrations } = await tsImport(
    "../server/migrate.ts",
    import.meta.url,
  );
  const pending = {
    sqlite: (options) => Promise.resolve(pendingMigrationSql(applyMigrations, options)),
    postgresql: (options) => pendingPostgresMigrationSql(applyPostgresMigrations, options),
  };

  console.log("Comparing both migration sets with prisma/schema.prisma (Prisma 6.19 Wasm schema engine)…");
  const sql = { sqlite: await pending.sqlite(), postgresql: await pending.postgresql() };
  if (!sql.sqlite && !sql.postgresql) {
    console.log(
      "No schema changes: both migration sets already build prisma/schema.prisma. Nothing written.",
    );
    process.exit(0);
  }

  const untwinned = migrationNames(migrationsDir).filter(
    (name) => !migrationNames(postgresMigrationsDir).includes(name),
  );
  const migrationName =
    !sql.sqlite && untwinned.length > 0
      ? untwinned.at(-1)
      : [migrationsDir, postgresMigrationsDir]
          .map((dir) => nextMigrationName(args[0], { dir }))
          .sort()
          .at(-1);

  for (const provider of ["sqlite", "postgresql"]) {
    if (!sql[provider]) continue;
    // Try it on a copy first: the set plus this migration must apply cleanly and leave nothing to diff.
    const scratch = copyMigrations(sets[provider].dir);
    try {
      writeMigration(migrationName, sql[provider], scratch);
      const rest = await pending[provider]({ dir: scratch });
      if (rest)
        throw new Error(`the new ${sets[provider].label} migration does not reach the schema:\n${rest}`);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }

  for (const provider of ["sqlite", "postgresql"]) {
    if (!sql[provider]) continue;
    const file = writeMigration(migrationName, sql[provider], sets[provider].dir);
    console.log(`\nWrote ${path.relative(root, file)} (${sets[provider].label}):\n\n${sql[provider]}`);
  }
  if (sql.sqlite.includes("-- Re-create the triggers")) {
    console.log(
      "Note: the SQLite migration redefines tables that have triggers; it re-creates them at the end.",
    );
  }
  if (/DROP (TABLE|COLUMN)/.test(sql.sqlite + sql.postgresql)) {
    console.log("Note: check that tables being dropped or redefined keep the data you need.");
  }
  const missing = migrationNames(migrationsDir).filter(
    (name) => !migrationNames(postgresMigrationsDir).includes(name),
  );
  if (missing.length > 0) {
    console.log(
      `Note: these SQLite migrations still have no PostgreSQL twin (hand-written SQL such as data changes or ` +
        `triggers): ${missing.join(", ")}. Write prisma/migrations-postgres/<name>/migration.sql for each.`,
    );
  }
  console.log(
    "Review them (hand-written SQL, such as data changes or triggers, needs its form for each database), then " +
      "commit them with the schema change. The server applies the set of its database at start-up.",
  );
} catch (error) {
  console.error(`migration:new failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
