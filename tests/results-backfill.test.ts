// The migration that computes the results on write (ADR 0022) backfills the tallies and listed answers of the
// inputs submitted before it, in hand-written SQL for each database: they must equal what the commands would
// have kept, i.e. a count of each input's latest version by the kinds' own code.
import Database from "better-sqlite3";
import pg from "pg";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inputCounter, TallyChanges, type ListedRow } from "~/modules/consultations/tallies.server";
import { copyMigrations, migrationNames, withScratchPostgres } from "../scripts/prisma-diff.mjs";
import {
  applyMigrations,
  applyPostgresMigrations,
  migrationsDir,
  postgresMigrationsDir,
} from "../server/migrate";
import { postgresAvailable } from "./support/postgres";

const backfill = "20261201120055_results_computed_on_write";
const scratch = mkdtempSync(path.join(tmpdir(), "concord-backfill-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of a migration set as it was before the backfill: it and every later one still to come. */
function setBefore(dir: string) {
  const copy = copyMigrations(dir);
  const toCome = migrationNames(copy).filter((name) => name >= backfill);
  for (const name of toCome) rmSync(path.join(copy, name), { recursive: true });
  return { copy, toCome };
}

const questions = [
  { id: "q1", kind: "short_text", options: [] },
  { id: "q2", kind: "long_text", options: [] },
  { id: "q3", kind: "single_choice", options: ["Housing", "Employment", "Health"] },
  { id: "q4", kind: "multiple_choice", options: ["Language classes", "Childcare", "Legal advice"] },
  { id: "q5", kind: "rating", options: { min: 1, max: 5, minLabel: "", maxLabel: "" } },
  { id: "q6", kind: "ranking", options: ["Housing", "Jobs", "Language"] },
  { id: "q7", kind: "paragraph_comments", options: ["The plan.", "The reports."] },
].map((question, index) => ({ ...question, position: index + 1, options: JSON.stringify(question.options) }));

const latest = {
  q1: "Family reunification",
  q2: "Waiting lists,\nand no evening classes",
  q3: "Housing",
  q4: ["Language classes", "Childcare"],
  q5: 2,
  q6: ["Housing", "Language", "Jobs"],
  q7: { "1": "Publish it in French too.", "2": "Twice is too often." },
};
const aggregated = {
  q3: "Employment",
  q4: ["Legal advice"],
  q5: 4,
  q6: ["Jobs", "Housing", "Language"],
  q7: { "2": "Once a year." },
};

/** The rows as they stood before the migration: two consultations, a revised input, a draft, a response. */
const rows = {
  Person: [{ id: "p1", email: "focal@example.org", name: "Focal Point" }],
  Organisation: [
    { id: "o1", name: "Newcomer Centre", type: "cso" },
    { id: "o2", name: "Somali Families", type: "migrant_association" },
    { id: "o3", name: "Hire Newcomers", type: "private_sector" },
  ],
  Space: [{ id: "sp1", title: "Ottawa LIP", createdById: "p1" }],
  Consultation: [
    { id: "c1", spaceId: "sp1", title: "Strategy", createdById: "p1", status: "closed" },
    { id: "c2", spaceId: "sp1", title: "Another", createdById: "p1", status: "open" },
  ],
  ConsultationQuestion: [
    ...questions.map((question) => ({ ...question, consultationId: "c1", prompt: question.id })),
    {
      id: "q9",
      consultationId: "c2",
      position: 1,
      kind: "rating",
      prompt: "q9",
      options: questions[4]!.options,
    },
  ],
  ConsultationResponse: [
    { id: "r1", consultationId: "c1", outcome: "accepted", explanation: "Done.", authorId: "p1" },
  ],
  Submission: [
    {
      id: "s1",
      consultationId: "c1",
      organisationId: "o1",
      status: "submitted",
      version: 2,
      isAggregated: false,
      themes: "housing,language",
      responseId: "r1",
      submittedAt: "2026-11-20T10:00:00.000Z",
      answers: JSON.stringify({ q1: "A later draft that was never submitted" }),
    },
    {
      id: "s2",
      consultationId: "c1",
      organisationId: "o2",
      status: "submitted",
      version: 1,
      isAggregated: true,
      themes: "",
      submittedAt: "2026-11-21T10:00:00.000Z",
      answers: JSON.stringify(aggregated),
    },
    {
      id: "s3",
      consultationId: "c1",
      organisationId: "o3",
      status: "draft",
      version: 0,
      isAggregated: false,
      themes: "",
      answers: JSON.stringify({ q1: "DRAFT", q3: "Health" }),
    },
    {
      id: "s4",
      consultationId: "c2",
      organisationId: "o1",
      status: "submitted",
      version: 1,
      isAggregated: false,
      themes: "health",
      submittedAt: "2026-11-22T10:00:00.000Z",
      answers: JSON.stringify({ q9: 3 }),
    },
  ],
  SubmissionVersion: [
    {
      id: "v1",
      submissionId: "s1",
      version: 1,
      answers: JSON.stringify({ q1: "First", q3: "Health", q5: 5 }),
    },
    { id: "v2", submissionId: "s1", version: 2, answers: JSON.stringify(latest) },
    { id: "v3", submissionId: "s2", version: 1, answers: JSON.stringify(aggregated) },
    { id: "v4", submissionId: "s4", version: 1, answers: JSON.stringify({ q9: 3 }) },
  ].map((version) => ({ ...version, submittedById: "p1" })),
};

/** What the commands would have kept: each submitted input's latest version counted by the kinds. */
function expected() {
  const tallies = new Map<string, TallyChanges>();
  const listed: (ListedRow & { submissionId: string })[] = [];
  for (const submission of rows.Submission.filter((row) => row.status === "submitted")) {
    const version = rows.SubmissionVersion.find(
      (row) => row.submissionId === submission.id && row.version === submission.version,
    )!;
    const count = inputCounter(
      rows.ConsultationQuestion.filter((question) => question.consultationId === submission.consultationId),
    );
    const changes = tallies.get(submission.consultationId) ?? new TallyChanges();
    tallies.set(submission.consultationId, changes);
    const organisation = rows.Organisation.find((row) => row.id === submission.organisationId)!;
    const response = rows.ConsultationResponse.find((row) => row.id === submission.responseId);
    const themes = submission.themes ? submission.themes.split(",") : [];
    for (const row of count(
      changes,
      {
        answers: version.answers,
        organisationType: organisation.type,
        isAggregated: submission.isAggregated,
        themes,
        outcome: response?.outcome ?? null,
      },
      1,
    ))
      listed.push({ ...row, submissionId: submission.id });
  }
  return {
    tallies: [...tallies].flatMap(([consultationId, changes]) =>
      changes.rows().map((row) => ({ consultationId, ...row })),
    ),
    listed,
  };
}

type Column = { name: string; type: string; required: boolean };

/** A value for a required column the fixture leaves out (every table has more than the backfill reads). */
function filler(column: Column) {
  const type = column.type.toLowerCase();
  if (type.includes("int") || type.includes("real") || type.includes("double") || type.includes("numeric"))
    return 0;
  if (type.includes("bool")) return false;
  if (type.includes("date") || type.includes("timestamp")) return "2026-11-01T00:00:00.000Z";
  return "x";
}

const sortRows = <T extends object>(list: T[]) =>
  list.map((row) => JSON.stringify(row, Object.keys(row).sort())).sort();

/** Runs the fixture through the migration on one database and reads what it wrote. */
async function migrate(database: {
  columns(table: string): Promise<Column[]>;
  insert(table: string, row: Record<string, unknown>): Promise<void>;
  applyRest(): Promise<string[]>;
  select(sql: string): Promise<Record<string, unknown>[]>;
}) {
  for (const [table, list] of Object.entries(rows)) {
    const columns = await database.columns(table);
    for (const row of list) {
      const full: Record<string, unknown> = { ...row };
      for (const column of columns)
        if (column.required && !(column.name in full)) full[column.name] = filler(column);
      await database.insert(table, full);
    }
  }
  const applied = await database.applyRest();
  const tallies = await database.select(
    `SELECT "consultationId", "subject", "bucket", "count", "positionSum" FROM "ResultTally"`,
  );
  const listed = await database.select(
    `SELECT "questionId", "submissionId", "paragraph", "text" FROM "ListedAnswer"`,
  );
  const types = await database.select(
    `SELECT "id", "organisationType" FROM "SubmissionVersion" ORDER BY "id"`,
  );
  return {
    applied,
    tallies: tallies.map((row) => ({
      consultationId: String(row.consultationId),
      subject: String(row.subject),
      bucket: String(row.bucket),
      count: Number(row.count),
      positionSum: Number(row.positionSum),
    })),
    listed: listed.map((row) => ({ ...row, paragraph: Number(row.paragraph) })),
    types,
  };
}

function expectBackfilled(result: Awaited<ReturnType<typeof migrate>>, toCome: string[]) {
  const { tallies, listed } = expected();
  expect(result.applied).toEqual(toCome);
  expect(sortRows(result.tallies)).toEqual(sortRows(tallies));
  expect(sortRows(result.listed)).toEqual(sortRows(listed));
  expect(result.types).toEqual([
    { id: "v1", organisationType: "cso" },
    { id: "v2", organisationType: "cso" },
    { id: "v3", organisationType: "migrant_association" },
    { id: "v4", organisationType: "cso" },
  ]);
  // The revised input counts once, as revised; the draft nowhere.
  expect(result.tallies).toContainEqual({
    consultationId: "c1",
    subject: "q3",
    bucket: "Housing",
    count: 1,
    positionSum: 0,
  });
  expect(result.tallies.some((row) => row.bucket === "Health" && row.subject === "q3")).toBe(false);
}

const withPostgres = await postgresAvailable();

describe("the results backfill", () => {
  it("counts what was submitted before it on SQLite as the commands do", async () => {
    const { copy, toCome } = setBefore(migrationsDir);
    const file = path.join(scratch, "concord.db");
    try {
      applyMigrations(file, copy);
      const sqlite = new Database(file);
      try {
        const result = await migrate({
          columns: async (table) =>
            (
              sqlite.prepare(`PRAGMA table_info("${table}")`).all() as {
                name: string;
                type: string;
                notnull: number;
                dflt_value: unknown;
              }[]
            ).map((column) => ({
              name: column.name,
              type: column.type,
              required: column.notnull === 1 && column.dflt_value === null,
            })),
          insert: async (table, row) => {
            const names = Object.keys(row);
            sqlite
              .prepare(
                `INSERT INTO "${table}" (${names.map((name) => `"${name}"`).join(", ")}) VALUES (${names.map(() => "?").join(", ")})`,
              )
              .run(...names.map((name) => (typeof row[name] === "boolean" ? Number(row[name]) : row[name])));
          },
          applyRest: async () => {
            sqlite.close();
            return applyMigrations(file).applied;
          },
          select: async (sql) => {
            const reader = new Database(file, { readonly: true });
            try {
              return reader.prepare(sql).all() as Record<string, unknown>[];
            } finally {
              reader.close();
            }
          },
        });
        expectBackfilled(result, toCome);
      } finally {
        if (sqlite.open) sqlite.close();
      }
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it.runIf(withPostgres)("counts what was submitted before it on PostgreSQL as the commands do", async () => {
    const { copy, toCome } = setBefore(postgresMigrationsDir);
    try {
      await withScratchPostgres(async (url: string) => {
        await applyPostgresMigrations(url, copy);
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const result = await migrate({
            columns: async (table) =>
              (
                await client.query<{ name: string; type: string; required: boolean }>(
                  `SELECT column_name AS name, data_type AS type,
                       (is_nullable = 'NO' AND column_default IS NULL) AS required
                     FROM information_schema.columns WHERE table_name = $1`,
                  [table],
                )
              ).rows,
            insert: async (table, row) => {
              const names = Object.keys(row);
              await client.query(
                `INSERT INTO "${table}" (${names.map((name) => `"${name}"`).join(", ")}) VALUES (${names.map((_, index) => `$${index + 1}`).join(", ")})`,
                names.map((name) => row[name]),
              );
            },
            applyRest: async () => (await applyPostgresMigrations(url)).applied,
            select: async (sql) => (await client.query(sql)).rows,
          });
          expectBackfilled(result, toCome);
        } finally {
          await client.end();
        }
      });
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
