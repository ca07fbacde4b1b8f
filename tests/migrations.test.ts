// The SQL migrations of both databases and their runner (server/migrate.ts) against the Prisma schema, using
// the same offline diff as `npm run migration:new` (scripts/prisma-diff.mjs). Each diff runs Prisma 6's Wasm
// engine in a child process (about a second).
import Database from "better-sqlite3";
import pg from "pg";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  copyMigrations,
  diffDatabaseToSchema,
  diffPostgresDatabaseToSchema,
  EMPTY_MIGRATION,
  migrationNames,
  nextMigrationName,
  pendingMigrationSql,
  pendingPostgresMigrationSql,
  schemaPath,
  withScratchPostgres,
  writeMigration,
} from "../scripts/prisma-diff.mjs";
import {
  applyMigrations,
  applyPostgresMigrations,
  migrationsDir,
  postgresMigrationsDir,
} from "../server/migrate";
import { postgresAvailable } from "./support/postgres";

const SLOW = 60_000;
const scratch = mkdtempSync(path.join(tmpdir(), "concord-migrations-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let counter = 0;
/** A fresh database file path (and a fresh folder, for migrations copies or schemas) under `scratch`. */
const scratchPath = (name: string) => path.join(scratch, `${++counter}-${name}`);

function migratedDatabase(dir = migrationsDir) {
  const file = scratchPath("concord.db");
  applyMigrations(file, dir);
  return file;
}

function withDb<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const migrationRows = (file: string) =>
  withDb(file, (db) => db.prepare(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`).all());

/** prisma/schema.prisma with `edit` applied; fails the test if the edit changed nothing. */
function editedSchema(edit: (schema: string) => string) {
  const original = readFileSync(schemaPath, "utf8");
  const edited = edit(original);
  expect(edited).not.toBe(original);
  const file = scratchPath("schema.prisma");
  writeFileSync(file, edited);
  return file;
}

describe("migrations", () => {
  it(
    "build exactly prisma/schema.prisma when applied to an empty database",
    () => {
      const db = migratedDatabase();
      expect(
        diffDatabaseToSchema(db),
        "prisma/schema.prisma differs from what prisma/migrations builds: npm run migration:new -- <name>",
      ).toBe(EMPTY_MIGRATION);

      // The diff really starts from the migrated database: a new model is all it reports.
      const probe = editedSchema((schema) => `${schema}\nmodel MigrationProbe {\n  id String @id\n}\n`);
      const sql = diffDatabaseToSchema(db, probe);
      expect(sql).toContain('CREATE TABLE "MigrationProbe"');
      expect(sql).not.toContain('CREATE TABLE "Person"');
    },
    SLOW,
  );

  it("are not applied twice", () => {
    const db = migratedDatabase();
    const before = migrationRows(db);
    expect(before.length).toBeGreaterThan(0);

    expect(applyMigrations(db)).toEqual({ applied: [], alreadyApplied: before.length });
    expect(migrationRows(db)).toEqual(before);
  });

  it("refuse a migration whose file changed after it was applied", () => {
    const dir = copyMigrations();
    try {
      const db = migratedDatabase(dir);
      const before = migrationRows(db);
      const [first] = before as { migration_name: string }[];
      appendFileSync(path.join(dir, first!.migration_name, "migration.sql"), "\n-- edited afterwards\n");

      expect(() => applyMigrations(db, dir)).toThrow(/changed after it was applied/);
      expect(migrationRows(db)).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("count everyone who had an account before address confirmation as confirmed since they opened it", () => {
    const identity = "20261201084907_identity";
    const dir = copyMigrations();
    // The database as it was just before the identity migration: that one and every later one still to come.
    const toCome = migrationNames(dir).filter((name) => name >= identity);
    try {
      for (const name of toCome) rmSync(path.join(dir, name), { recursive: true });
      const db = migratedDatabase(dir);
      withDb(db, (conn) =>
        conn
          .prepare(
            `INSERT INTO "Person" (id, email, name, passwordHash, createdAt, updatedAt) VALUES ('p1', 'a@example.org', 'A', 'x', 1700000000000, 1700000000000)`,
          )
          .run(),
      );
      expect(applyMigrations(db).applied).toEqual(toCome);
      withDb(db, (conn) =>
        expect(conn.prepare(`SELECT emailConfirmedAt, createdAt FROM "Person"`).all()).toEqual([
          { emailConfirmedAt: 1700000000000, createdAt: 1700000000000 },
        ]),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("make audit events append-only", () => {
    withDb(migratedDatabase(), (db) => {
      db.prepare(
        `INSERT INTO "AuditEvent" (id, action, subjectType, subjectId) VALUES ('e1', 'test', 'Person', 'p1')`,
      ).run();
      expect(() => db.prepare(`UPDATE "AuditEvent" SET action = 'changed'`).run()).toThrow(/append-only/);
      expect(() => db.prepare(`DELETE FROM "AuditEvent"`).run()).toThrow(/append-only/);
      expect(db.prepare(`SELECT id, action FROM "AuditEvent"`).all()).toEqual([{ id: "e1", action: "test" }]);
    });
  });

  it("record a level changed while an organisation was invited as a change of its invitation", () => {
    const dir = copyMigrations();
    try {
      const name = "20261201090000_invitation_changes";
      rmSync(path.join(dir, name), { recursive: true, force: true });
      const file = migratedDatabase(dir);
      // As Prisma stores dates in SQLite.
      const at = (day: number) => `2026-01-0${day}T10:00:00.000+00:00`;
      withDb(file, (db) => {
        db.exec(`INSERT INTO "Person" (id, email, name, passwordHash, updatedAt) VALUES ('p', 'p@x', 'P', 'h', 0);
          INSERT INTO "Organisation" (id, name, type, governanceLevel, place, country, contactName, contactEmail, updatedAt)
            VALUES ('a', 'A', 'cso', 'local', 'x', 'CA', 'c', 'c@x', 0), ('b', 'B', 'cso', 'local', 'x', 'CA', 'c', 'c@x', 0);
          INSERT INTO "Space" (id, kind, governanceLevel, title, mandate, createdById, updatedAt)
            VALUES ('s', 'thematic_table', 'local', 'S', 'M', 'p', 0);`);
        const change = db.prepare(
          `INSERT INTO "LevelChange" (id, spaceId, organisationId, kind, toLevel, changedById, createdAt)
           VALUES (?, 's', ?, ?, 'INVOLVE', 'p', ?)`,
        );
        change.run("1", "a", "invited", at(1));
        change.run("2", "a", "changed", at(2)); // while invited
        change.run("3", "a", "changed", at(3)); // still invited
        change.run("4", "a", "joined", at(4));
        change.run("5", "a", "changed", at(5)); // a participant's level
        change.run("6", "b", "joined", at(1));
        change.run("7", "b", "changed", at(2));
      });
      expect(applyMigrations(file, migrationsDir).applied).toEqual([name]);
      withDb(file, (db) =>
        expect(db.prepare(`SELECT id, kind FROM "LevelChange" ORDER BY id`).all()).toEqual([
          { id: "1", kind: "invited" },
          { id: "2", kind: "invitation-changed" },
          { id: "3", kind: "invitation-changed" },
          { id: "4", kind: "joined" },
          { id: "5", kind: "changed" },
          { id: "6", kind: "joined" },
          { id: "7", kind: "changed" },
        ]),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(
    "migration:new writes a migration that reaches the schema and keeps the audit triggers",
    () => {
      // Making a column optional makes Prisma redefine the table, which drops its triggers.
      const schemaFile = editedSchema((schema) =>
        schema.replace(/(model AuditEvent \{[^}]*?\n\s*action\s+String)(\s)/, "$1?$2"),
      );
      const sql = pendingMigrationSql(applyMigrations, { schemaFile });
      expect(sql).toContain('ALTER TABLE "new_AuditEvent" RENAME TO "AuditEvent"');
      expect(sql).toContain('CREATE TRIGGER "AuditEvent_no_update"');
      expect(sql).toContain('CREATE TRIGGER "AuditEvent_no_delete"');

      const dir = copyMigrations();
      try {
        const name = nextMigrationName("audit action optional", { dir });
        expect(name).toMatch(/^\d{14}_audit_action_optional$/);
        writeMigration(name, sql, dir);
        expect(pendingMigrationSql(applyMigrations, { schemaFile, dir })).toBe("");

        // Upgrading a database that already holds audit events keeps them, and keeps them append-only.
        const db = scratchPath("upgraded.db");
        applyMigrations(db, migrationsDir);
        withDb(db, (conn) =>
          conn
            .prepare(
              `INSERT INTO "AuditEvent" (id, action, subjectType, subjectId) VALUES ('e1', 'a', 'T', 's')`,
            )
            .run(),
        );
        expect(applyMigrations(db, dir).applied).toEqual([name]);
        withDb(db, (conn) => {
          expect(conn.prepare(`SELECT id FROM "AuditEvent"`).all()).toEqual([{ id: "e1" }]);
          expect(() => conn.prepare(`DELETE FROM "AuditEvent"`).run()).toThrow(/append-only/);
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});

async function withPostgres<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const postgresMigrationRows = (url: string) =>
  withPostgres(url, async (client) => {
    const { rows } = await client.query(
      `SELECT migration_name, checksum, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    return rows;
  });

describe.runIf(await postgresAvailable())("PostgreSQL migrations", () => {
  it("twin every SQLite migration under the same name", () => {
    expect(migrationNames(postgresMigrationsDir)).toEqual(migrationNames(migrationsDir));
  });

  it(
    "build exactly the PostgreSQL form of prisma/schema.prisma when applied to an empty database",
    async () => {
      await withScratchPostgres(async (url: string) => {
        await applyPostgresMigrations(url);
        expect(
          diffPostgresDatabaseToSchema(url),
          "prisma/migrations-postgres does not build prisma/schema.prisma: npm run migration:new -- <name>",
        ).toBe(EMPTY_MIGRATION);

        const probe = editedSchema((schema) => `${schema}\nmodel MigrationProbe {\n  id String @id\n}\n`);
        const sql = diffPostgresDatabaseToSchema(url, probe);
        expect(sql).toContain('CREATE TABLE "MigrationProbe"');
        expect(sql).not.toContain('CREATE TABLE "Person"');
      });
    },
    SLOW,
  );

  it("are applied once, also by processes starting together, and refuse a changed file", async () => {
    await withScratchPostgres(async (url: string) => {
      const results = await Promise.all([applyPostgresMigrations(url), applyPostgresMigrations(url)]);
      const count = migrationNames(postgresMigrationsDir).length;
      expect(results.map((result) => result.applied.length).sort()).toEqual([0, count]);
      const rows = await postgresMigrationRows(url);
      expect(rows).toHaveLength(count);
      expect(await applyPostgresMigrations(url)).toEqual({ applied: [], alreadyApplied: count });

      const dir = copyMigrations(postgresMigrationsDir);
      try {
        appendFileSync(path.join(dir, rows[0].migration_name, "migration.sql"), "\n-- edited afterwards\n");
        await expect(applyPostgresMigrations(url, dir)).rejects.toThrow(/changed after it was applied/);
        expect(await postgresMigrationRows(url)).toEqual(rows);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it("make audit events append-only", async () => {
    await withScratchPostgres(async (url: string) => {
      await applyPostgresMigrations(url);
      await withPostgres(url, async (client) => {
        await client.query(
          `INSERT INTO "AuditEvent" (id, action, "subjectType", "subjectId") VALUES ('e1', 'test', 'Person', 'p1')`,
        );
        await expect(client.query(`UPDATE "AuditEvent" SET action = 'changed'`)).rejects.toThrow(
          /append-only/,
        );
        await expect(client.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
        await expect(client.query(`TRUNCATE "AuditEvent" CASCADE`)).rejects.toThrow(/append-only/);
        const { rows } = await client.query(`SELECT id, action FROM "AuditEvent"`);
        expect(rows).toEqual([{ id: "e1", action: "test" }]);
      });
    });
  });

  it(
    "migration:new writes the PostgreSQL twin, which reaches the schema",
    async () => {
      const schemaFile = editedSchema((schema) =>
        schema.replace(/(model AuditEvent \{[^}]*?\n\s*action\s+String)(\s)/, "$1?$2"),
      );
      const sql = await pendingPostgresMigrationSql(applyPostgresMigrations, { schemaFile });
      expect(sql).toContain('ALTER TABLE "AuditEvent" ALTER COLUMN "action" DROP NOT NULL');
      const dir = copyMigrations(postgresMigrationsDir);
      try {
        writeMigration(nextMigrationName("audit action optional", { dir }), sql, dir);
        expect(await pendingPostgresMigrationSql(applyPostgresMigrations, { schemaFile, dir })).toBe("");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});
