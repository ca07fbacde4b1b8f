// npm run bench:lists — the lists that grow, at 1,000 / 100,000 / 1,000,000 rows each (BENCH_MAX_ROWS stops
// earlier, e.g. 100000): a space's updates, the spaces directory (every space visible to the viewer), a
// consultation's review page and its results. At each size: p95 at 10 connections of each list's first page
// (budget ≤ 100 ms), with the baseline's 1,000-row /table run before each for scale, three rounds; then how
// each list's p95 grew from the smallest size to the biggest (budget: flat within ±20%). Rows go straight
// into SQLite in bulk while the server is stopped; it restarts at each size. Prints numbers, asserts nothing.
import Database from "better-sqlite3";
import { inputCounter, listedThemes, TallyChanges } from "~/modules/consultations/tallies.server";
import { db } from "~/utils/db.server";
import { addMember, createOrganisation, createPerson } from "../prisma/factories/people";
import { createSpace } from "../prisma/factories/spaces";
import { prepareBaseline, startBaseline } from "./support/baseline";
import { concordDataDir, signedInCookie, startConcord, type ConcordServer } from "./support/concord";
import { interleave, readOnce, runSeconds, type LoadResult } from "./support/load";
import { limitRunTime } from "./support/processes";
import { format, printTable, type Row } from "./support/report";
import {
  bulkInsert,
  organisationId,
  organisationRows,
  sequentialId,
  sqliteDate,
  type TableRows,
} from "./support/sqlite";

limitRunTime(30);
const { dataDir, dbFile } = concordDataDir("lists");
const maxRows = Number(process.env.BENCH_MAX_ROWS ?? 1_000_000);
const sizes = [1_000, 100_000, 1_000_000].filter((size) => size <= maxRows);
const label = (size: number) => (size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1_000}k`);

const day = 24 * 60 * 60 * 1000;
const epoch = Date.now() - 3 * 365 * day;
const kinds = ["priority", "announcement", "document", "decision"];
const spaceKinds = ["local_immigration_partnership", "thematic_table", "inter_ministerial_working_group"];
const themes = ["settlement", "housing", "language", "health", "education", "economic_integration"];
const types = ["cso", "migrant_association", "private_sector", "trade_union", "academic", "local_authority"];
const sectors = ["Settlement", "Employment", "Health", "Language", "Housing"];

async function seedOwners() {
  const convener = await createOrganisation({ name: "Bench Ministry", type: "national_ministry" });
  const focalPoint = await createPerson({ email: `focal-${Date.now()}@bench.example` });
  await addMember(focalPoint.id, convener.id, { role: "admin", isFocalPoint: true });
  const space = await createSpace({ convenerOrganisationId: convener.id, createdById: focalPoint.id });
  const consultation = await db().consultation.create({
    data: {
      spaceId: space.id,
      title: "Settlement strategy 2027–2029",
      purpose: "What should the next strategy change?",
      status: "closed",
      audience: "public",
      openedAt: new Date(Date.now() - 60 * day),
      closesAt: new Date(Date.now() - day),
      closedAt: new Date(Date.now() - day),
      feedbackDueAt: new Date(Date.now() + 29 * day),
      createdById: focalPoint.id,
      questions: {
        create: [
          { position: 1, kind: "short_text", prompt: "What should change first?", options: "[]" },
          {
            position: 2,
            kind: "single_choice",
            prompt: "Which sector first?",
            options: JSON.stringify(sectors),
          },
          { position: 3, kind: "rating", prompt: "How well does it work?", options: '{"min":1,"max":5}' },
        ],
      },
    },
    include: { questions: { orderBy: { position: "asc" }, select: { id: true } } },
  });
  return { convener, focalPoint, space, consultation, questionIds: consultation.questions.map((q) => q.id) };
}

const owners = await seedOwners();

const inputThemes = (i: number) => [themes[i % themes.length]!, themes[(i + 2) % themes.length]!];

const inputAnswers = (i: number) =>
  JSON.stringify({
    [owners.questionIds[0]!]: `Input ${i}: evening language classes with childcare`,
    [owners.questionIds[1]!]: sectors[i % sectors.length],
    [owners.questionIds[2]!]: (i % 5) + 1,
  });

/** Adds the inputs of indexes from … to - 1 to the consultation's tallies, straight into the SQLite file. */
async function countInputs(range: { from: number; to: number }) {
  const { consultation } = owners;
  const count = inputCounter(
    await db().consultationQuestion.findMany({
      where: { consultationId: consultation.id },
      select: { id: true, kind: true, options: true },
    }),
  );
  const changes = new TallyChanges();
  for (let i = range.from; i < range.to; i++)
    count(
      changes,
      {
        answers: inputAnswers(i),
        organisationType: types[i % types.length]!,
        isAggregated: false,
        themes: inputThemes(i),
        outcome: null,
      },
      1,
    );
  const sqlite = new Database(dbFile);
  try {
    const upsert = sqlite.prepare(
      `INSERT INTO "ResultTally" ("consultationId", "subject", "bucket", "count", "positionSum") VALUES (?, ?, ?, ?, ?)
       ON CONFLICT ("consultationId", "subject", "bucket") DO UPDATE SET "count" = "count" + excluded."count",
         "positionSum" = "positionSum" + excluded."positionSum"`,
    );
    sqlite.transaction(() => {
      for (const row of changes.rows())
        upsert.run(consultation.id, row.subject, row.bucket, row.count, row.positionSum);
    })();
  } finally {
    sqlite.close();
  }
}

/** The rows of every list at index i: an update, a space the viewer's ministry convenes, a submitted input. */
function listRows(): Record<string, TableRows[]> {
  const { convener, focalPoint, space, consultation, questionIds } = owners;
  const at = (index: number) => sqliteDate(new Date(epoch + index * 60_000));
  return {
    updates: [
      {
        table: "SpaceUpdate",
        columns: ["id", "spaceId", "kind", "title", "body", "authorId", "organisationId", "createdAt"],
        row: (i) => [
          sequentialId("bench-update-", i),
          space.id,
          kinds[i % kinds.length],
          `Update ${i}`,
          "An update body of a realistic length, describing a decision and what follows from it.",
          focalPoint.id,
          convener.id,
          at(i),
        ],
      },
    ],
    directory: [
      {
        table: "Space",
        columns: [
          "id",
          "kind",
          "governanceLevel",
          "title",
          "mandate",
          "place",
          "createdById",
          "createdAt",
          "updatedAt",
        ],
        row: (i) => [
          sequentialId("bench-space-", i),
          spaceKinds[i % spaceKinds.length],
          "local",
          `Working group ${String(i).padStart(8, "0")}`,
          "Coordinate settlement and integration services across the city.",
          "Ottawa",
          focalPoint.id,
          at(i),
          at(i),
        ],
      },
      {
        table: "SpaceParticipant",
        columns: ["id", "spaceId", "organisationId", "role", "level", "status", "createdAt", "updatedAt"],
        row: (i) => [
          sequentialId("bench-participant-", i),
          sequentialId("bench-space-", i),
          convener.id,
          "convener",
          null,
          "active",
          at(i),
          at(i),
        ],
      },
      {
        table: "SpaceTheme",
        columns: ["spaceId", "theme"],
        row: (i) => [sequentialId("bench-space-", i), themes[i % themes.length]],
      },
    ],
    inputs: [
      organisationRows((i) => types[i % types.length]!, at),
      {
        table: "Submission",
        columns: [
          "id",
          "consultationId",
          "organisationId",
          "answers",
          "status",
          "version",
          "submittedAt",
          "submittedById",
          "themes",
          "createdAt",
          "updatedAt",
        ],
        row: (i) => [
          sequentialId("bench-input-", i),
          consultation.id,
          organisationId(i),
          inputAnswers(i),
          "submitted",
          1,
          at(i),
          focalPoint.id,
          inputThemes(i).join(","),
          at(i),
          at(i),
        ],
      },
      {
        table: "SubmissionVersion",
        columns: [
          "id",
          "submissionId",
          "version",
          "answers",
          "submittedById",
          "submittedAt",
          "organisationType",
        ],
        row: (i) => [
          sequentialId("bench-version-", i),
          sequentialId("bench-input-", i),
          1,
          inputAnswers(i),
          focalPoint.id,
          at(i),
          types[i % types.length],
        ],
      },
      // The results as the submit command keeps them (ADR 0022): each input's listed answer, and its tallies
      // (countInputs, below).
      {
        table: "ListedAnswer",
        columns: [
          "questionId",
          "submissionId",
          "paragraph",
          "text",
          "submittedAt",
          "organisationType",
          "themes",
        ],
        row: (i) => [
          questionIds[0],
          sequentialId("bench-input-", i),
          0,
          `Input ${i}: evening language classes with childcare`,
          at(i),
          types[i % types.length],
          listedThemes(inputThemes(i)),
        ],
      },
    ],
  };
}

const rows = listRows();
const pages = {
  updates: `/spaces/${owners.space.id}/updates`,
  directory: "/spaces",
  review: `/consultations/${owners.consultation.id}/review`,
  results: `/consultations/${owners.consultation.id}/results`,
};
type List = keyof typeof pages;
const lists = Object.keys(pages) as List[];
const names: Record<List, string> = {
  updates: "updates list",
  directory: "spaces directory",
  review: "consultation review",
  results: "consultation results",
};

const baseline = await startBaseline(await prepareBaseline());
let concord: ConcordServer | undefined;
let cookie = "";
let seededRows = 0;
/** Each list's runs by size, and the baseline /table runs just before them. */
const bySize = () =>
  Object.fromEntries(lists.map((list) => [list, new Map()])) as Record<List, Map<number, LoadResult[]>>;
const concordRuns = bySize();
const tableRuns = bySize();
const sizeRows: Row[] = [];
try {
  for (const size of sizes) {
    await concord?.stop();
    const seeding = [
      ...Object.entries(rows).map(([list, parts]) => {
        const seconds = bulkInsert(dbFile, { from: seededRows, to: size }, parts);
        const inserted = (size - seededRows) * parts.length;
        return `${list} ${inserted.toLocaleString("en")} rows in ${seconds.toFixed(1)} s`;
      }),
    ];
    await countInputs({ from: seededRows, to: size });
    seededRows = size;
    concord = await startConcord(dataDir);
    cookie ||= await signedInCookie(concord, owners.focalPoint.email);
    const headers = { cookie };
    const reads = [];
    for (const list of lists)
      reads.push(`${list} ${format(await readOnce(concord, pages[list], cookie))} ms`);
    console.log(
      `${label(size)} rows: seeded ${seeding.join(", ")}; first reads after start: ${reads.join(", ")}`,
    );

    const runs = await interleave(
      {
        tableBeforeUpdates: { server: baseline, path: "/table", connections: 10 },
        updates: { server: concord, path: pages.updates, connections: 10, headers },
        tableBeforeDirectory: { server: baseline, path: "/table", connections: 10 },
        directory: { server: concord, path: pages.directory, connections: 10, headers },
        tableBeforeReview: { server: baseline, path: "/table", connections: 10 },
        review: { server: concord, path: pages.review, connections: 10, headers },
        tableBeforeResults: { server: baseline, path: "/table", connections: 10 },
        results: { server: concord, path: pages.results, connections: 10, headers },
      },
      { seconds: runSeconds(3) },
    );
    const before: Record<List, LoadResult[]> = {
      updates: runs.tableBeforeUpdates,
      directory: runs.tableBeforeDirectory,
      review: runs.tableBeforeReview,
      results: runs.tableBeforeResults,
    };
    for (const list of lists) {
      concordRuns[list].set(size, runs[list]);
      tableRuns[list].set(size, before[list]);
      sizeRows.push({
        measure: `${names[list]} p95 ms, ${label(size)} rows`,
        concord: runs[list].map((run) => run.p95),
        baseline: before[list].map((run) => run.p95),
        budget: "≤ 100 ms",
      });
    }
  }

  printTable(
    "p95 at 10 connections of each list's first page, vs the baseline's /table run just before",
    sizeRows,
  );
  const smallest = sizes[0]!;
  const biggest = sizes.at(-1)!;
  if (biggest !== smallest) {
    const growth = (results: Map<number, LoadResult[]>) =>
      results.get(biggest)!.map((run, round) => run.p95 / results.get(smallest)![round]!.p95);
    printTable(
      `growth of p95 from ${label(smallest)} to ${label(biggest)} rows: Concord's list, the baseline's /table over the ` +
        "same runs (the machine's drift), and their ratio",
      lists.map((list) => ({
        measure: `${names[list]}, p95 at ${label(biggest)} ÷ p95 at ${label(smallest)}`,
        concord: growth(concordRuns[list]),
        baseline: growth(tableRuns[list]),
        budget: "0.8 – 1.2",
      })),
    );
  }
} finally {
  await Promise.all([concord?.stop(), baseline.stop()]);
  await db().$disconnect();
}
