// npm run bench:lists — the lists that grow, at 1,000 / 100,000 / 1,000,000 rows each (BENCH_MAX_ROWS stops
// earlier, e.g. 100000): a space's updates, the spaces directory (every space visible to the viewer, and the same
// directory for a viewer who sees only a handful of those spaces), a consultation's review page and its results.
// At each size: p95 at 10 connections of each list's first page (budget ≤ 100 ms), with the baseline's
// 1,000-row /table run before each for scale, three rounds; then how each list's p95 grew from the smallest
// size to the biggest (budget: flat within ±20%). Rows are made by SQLite itself (INSERT … SELECT over a
// recursive counter) while the server is stopped; it restarts at each size. Prints numbers, asserts nothing.
import { db } from "~/utils/db.server";
import { addMember, createOrganisation, createPerson } from "../tests/factories";
import { addParticipant, createSpace } from "../tests/space-factories";
import { prepareBaseline, startBaseline } from "./support/baseline";
import { concordDataDir, signedInCookie, startConcord, type ConcordServer } from "./support/concord";
import { interleave, readOnce, runSeconds, type LoadResult } from "./support/load";
import { limitRunTime } from "./support/processes";
import { format, printTable, type Row } from "./support/report";
import { generateRows, sqlMinuteAfter, sqlPick, sqlSequentialId, type GeneratedRows } from "./support/sqlite";

limitRunTime(30);
const { dataDir, dbFile } = concordDataDir("lists");
const maxRows = Number(process.env.BENCH_MAX_ROWS ?? 1_000_000);
const sizes = [1_000, 100_000, 1_000_000].filter((size) => size <= maxRows);
const label = (size: number) => (size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1_000}k`);

const day = 24 * 60 * 60 * 1000;
const epoch = new Date(Date.now() - 3 * 365 * day);
const kinds = ["priority", "announcement", "document", "decision"];
const spaceKinds = ["local_immigration_partnership", "thematic_table", "inter_ministerial_working_group"];
const themes = ["settlement", "housing", "language", "health", "education", "economic_integration"];
const types = ["cso", "migrant_association", "private_sector", "trade_union", "academic", "local_authority"];
const sectors = ["Settlement", "Employment", "Health", "Language", "Housing"];
const sqlText = (text: string) => `'${text.replaceAll("'", "''")}'`;

async function seedOwners() {
  const convener = await createOrganisation({ name: "Bench Ministry", type: "national_ministry" });
  const focalPoint = await createPerson({ email: `focal-${Date.now()}@bench.example` });
  await addMember(focalPoint.id, convener.id, { role: "admin", isFocalPoint: true });
  const space = await createSpace({ convenerOrganisationId: convener.id, createdById: focalPoint.id });
  // A civil society organisation invited into five of the ministry's spaces, whose titles sort after all the
  // generated ones: its directory has to find five spaces among all of them.
  const association = await createOrganisation({ name: "Bench Association", type: "cso" });
  const member = await createPerson({ email: `member-${Date.now()}@bench.example` });
  await addMember(member.id, association.id, { role: "member" });
  for (let index = 0; index < 5; index++) {
    const joined = await createSpace({
      title: `Zone table ${index}`,
      convenerOrganisationId: convener.id,
      createdById: focalPoint.id,
    });
    await addParticipant(joined.id, association.id, "CONSULT");
  }
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
  return {
    convener,
    focalPoint,
    member,
    space,
    consultation,
    questionIds: consultation.questions.map((q) => q.id),
  };
}

const owners = await seedOwners();

/** The rows of every list at index i: an update, a space the viewer's ministry convenes, a submitted input. */
function listRows(): Record<string, GeneratedRows[]> {
  const { convener, focalPoint, space, consultation, questionIds } = owners;
  const at = sqlMinuteAfter(epoch);
  const spaceTitle = `'Working group ' || printf('%08d', i)`;
  const organisationId = sqlSequentialId("bench-organisation-");
  const answers = `json_object(${sqlText(questionIds[0]!)}, 'Input ' || i || ': evening language classes with childcare', ${sqlText(questionIds[1]!)}, ${sqlPick(sectors)}, ${sqlText(questionIds[2]!)}, (i % 5) + 1)`;
  return {
    updates: [
      {
        table: "SpaceUpdate",
        values: {
          id: sqlSequentialId("bench-update-"),
          spaceId: sqlText(space.id),
          kind: sqlPick(kinds),
          title: `'Update ' || i`,
          body: sqlText(
            "An update body of a realistic length, describing a decision and what follows from it.",
          ),
          authorId: sqlText(focalPoint.id),
          organisationId: sqlText(convener.id),
          createdAt: at,
        },
      },
    ],
    directory: [
      {
        table: "Space",
        values: {
          id: sqlSequentialId("bench-space-"),
          kind: sqlPick(spaceKinds),
          governanceLevel: "'local'",
          title: spaceTitle,
          mandate: sqlText("Coordinate settlement and integration services across the city."),
          place: "'Ottawa'",
          createdById: sqlText(focalPoint.id),
          createdAt: at,
          updatedAt: at,
        },
      },
      {
        table: "SpaceParticipant",
        values: {
          id: sqlSequentialId("bench-participant-"),
          spaceId: sqlSequentialId("bench-space-"),
          organisationId: sqlText(convener.id),
          role: "'convener'",
          level: "NULL",
          status: "'active'",
          spaceTitle,
          organisationName: sqlText(convener.name),
          createdAt: at,
          updatedAt: at,
        },
      },
      {
        table: "SpaceTheme",
        values: { spaceId: sqlSequentialId("bench-space-"), theme: sqlPick(themes) },
      },
    ],
    inputs: [
      {
        table: "Organisation",
        values: {
          id: organisationId,
          name: `'Partner organisation ' || printf('%08d', i)`,
          type: sqlPick(types),
          governanceLevel: "'local'",
          place: "'Ottawa'",
          country: "'CA'",
          contactName: "'Contact'",
          contactEmail: `'partner' || i || '@bench.example'`,
          verificationStatus: "'verified'",
          createdAt: at,
          updatedAt: at,
        },
      },
      {
        table: "Submission",
        values: {
          id: sqlSequentialId("bench-input-"),
          consultationId: sqlText(consultation.id),
          organisationId,
          answers,
          status: "'submitted'",
          version: "1",
          submittedAt: at,
          submittedById: sqlText(focalPoint.id),
          themes: `${sqlPick(themes)} || ',' || ${sqlPick(themes, "(i + 2)")}`,
          createdAt: at,
          updatedAt: at,
        },
      },
      {
        table: "SubmissionVersion",
        values: {
          id: sqlSequentialId("bench-version-"),
          submissionId: sqlSequentialId("bench-input-"),
          version: "1",
          answers,
          submittedById: sqlText(focalPoint.id),
          submittedAt: at,
        },
      },
    ],
  };
}

const rows = listRows();
/** Each list's first page, and who reads it: the ministry's focal point, or the association's member. */
const pages = {
  updates: { path: `/spaces/${owners.space.id}/updates`, reader: "focalPoint" },
  directory: { path: "/spaces", reader: "focalPoint" },
  sparseDirectory: { path: "/spaces", reader: "member" },
  review: { path: `/consultations/${owners.consultation.id}/review`, reader: "focalPoint" },
  results: { path: `/consultations/${owners.consultation.id}/results`, reader: "focalPoint" },
} as const;
type List = keyof typeof pages;
const lists = Object.keys(pages) as List[];
const names: Record<List, string> = {
  updates: "updates list",
  directory: "spaces directory",
  sparseDirectory: "spaces directory, 5 of them seen",
  review: "consultation review",
  results: "consultation results",
};

const baseline = await startBaseline(await prepareBaseline());
let concord: ConcordServer | undefined;
const cookies = { focalPoint: "", member: "" };
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
        const seconds = generateRows(dbFile, { from: seededRows, to: size }, parts);
        const inserted = (size - seededRows) * parts.length;
        return `${list} ${inserted.toLocaleString("en")} rows in ${seconds.toFixed(1)} s`;
      }),
    ];
    seededRows = size;
    concord = await startConcord(dataDir);
    cookies.focalPoint ||= await signedInCookie(concord, owners.focalPoint.email);
    cookies.member ||= await signedInCookie(concord, owners.member.email);
    const reads = [];
    for (const list of lists) {
      const { path, reader } = pages[list];
      reads.push(`${list} ${format(await readOnce(concord, path, cookies[reader]))} ms`);
    }
    console.log(
      `${label(size)} rows: seeded ${seeding.join(", ")}; first reads after start: ${reads.join(", ")}`,
    );

    const server = concord;
    const runs = await interleave(
      Object.fromEntries(
        lists.flatMap((list) => [
          [`before-${list}`, { server: baseline, path: "/table", connections: 10 }],
          [
            list,
            {
              server,
              path: pages[list].path,
              connections: 10,
              headers: { cookie: cookies[pages[list].reader] },
            },
          ],
        ]),
      ),
      { seconds: runSeconds(3) },
    );
    for (const list of lists) {
      concordRuns[list].set(size, runs[list]!);
      tableRuns[list].set(size, runs[`before-${list}`]!);
      sizeRows.push({
        measure: `${names[list]} p95 ms, ${label(size)} rows`,
        concord: runs[list]!.map((run) => run.p95),
        baseline: runs[`before-${list}`]!.map((run) => run.p95),
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
