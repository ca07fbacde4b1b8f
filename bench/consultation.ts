// npm run bench:consultation — a consultation with 10,000 submitted inputs of 10 questions (every kind), against
// the baseline's `/` and its 1,000-row `/table` (the fair comparison for a list render) in the same run, three
// rounds: the results page's first read after a restart and after a new submission (it computes the
// aggregates), its p95 at 10 connections (budget ≤ 300 ms) and the feedback report's; then the CSV export's
// time (≤ 2 s) and the server's resident memory while it streams (flat), and the JSON export's. Prints
// numbers, asserts nothing.
import {
  countSubmittedVersion,
  inputCounter,
  TallyChanges,
  listedThemes,
} from "~/modules/consultations/tallies.server";
import { db } from "~/utils/db.server";
import { addMember, createOrganisation, createPerson } from "../prisma/factories/people";
import { createSpace } from "../prisma/factories/spaces";
import { prepareBaseline, startBaseline } from "./support/baseline";
import { concordDataDir, signedInCookie, startConcord, type ConcordServer } from "./support/concord";
import { browserHeaders, interleave, readOnce, rounds, runSeconds } from "./support/load";
import { limitRunTime, memoryMB, type Server } from "./support/processes";
import { figure, printTable, type Row } from "./support/report";

limitRunTime(15);
const { dataDir } = concordDataDir("consultation");

const inputs = Number(process.env.BENCH_INPUTS ?? 10_000);
const batch = 1_000;
const day = 24 * 60 * 60 * 1000;
const types = ["cso", "migrant_association", "private_sector", "trade_union", "academic", "local_authority"];
const themes = ["housing", "language", "economic_integration", "health", "family", "education"];
const sectors = ["Settlement", "Employment", "Health", "Language", "Housing"];
const services = ["Language classes", "Childcare", "Legal advice", "Job mentoring", "Interpretation"];
const priorities = ["Housing", "Credential recognition", "Language", "Health", "Civic participation"];
const paragraphs = [
  "The partnership publishes a three-year strategy and reports on it every year.",
  "Settlement services reach newcomers in their first month, in their language.",
  "Employers and colleges recognise foreign credentials within six months.",
  "Language classes run in the evening, with childcare.",
  "The Immigration Forum seeks community input on planned directions every year.",
];

const questions: { kind: string; prompt: string; options: unknown }[] = [
  { kind: "short_text", prompt: "In one line, what should the strategy change first?", options: [] },
  { kind: "long_text", prompt: "What goes wrong for newcomers today?", options: [] },
  { kind: "single_choice", prompt: "Which sector needs most attention?", options: sectors },
  { kind: "multiple_choice", prompt: "Which services does your organisation run?", options: services },
  { kind: "rating", prompt: "How well does the current strategy work?", options: { min: 1, max: 5 } },
  { kind: "ranking", prompt: "Rank the priorities", options: priorities },
  { kind: "paragraph_comments", prompt: "Comment on the draft strategy", options: paragraphs },
  { kind: "short_text", prompt: "Which partner should lead on housing?", options: [] },
  {
    kind: "single_choice",
    prompt: "How often should the partnership report?",
    options: ["Yearly", "Twice a year"],
  },
  { kind: "rating", prompt: "How easy is it to reach the partnership?", options: { min: 0, max: 10 } },
];

function answersFor(index: number, ids: string[]) {
  const pick = <T>(list: T[], offset = 0) => list[(index + offset) % list.length]!;
  const rotate = <T>(list: T[]) => list.map((_, position) => list[(index + position) % list.length]!);
  return JSON.stringify({
    [ids[0]!]: `Input ${index}: evening language classes with childcare`,
    [ids[1]!]:
      "Families wait months for a first appointment; interpretation is missing at the clinic on weekends, " +
      "and foreign-trained nurses wait more than two years for credential recognition.",
    [ids[2]!]: pick(sectors),
    [ids[3]!]: [pick(services), pick(services, 2)],
    [ids[4]!]: (index % 5) + 1,
    [ids[5]!]: rotate(priorities),
    [ids[6]!]: {
      [String((index % 5) + 1)]: "Say who is responsible and by when.",
      "3": "Six months is too long.",
    },
    [ids[7]!]: pick(["Ottawa Community Housing", "The City", "Catholic Centre for Immigrants"]),
    [ids[8]!]: pick(["Yearly", "Twice a year"]),
    [ids[9]!]: index % 11,
  });
}

async function seed() {
  const convener = await createOrganisation({ name: "City of Ottawa", type: "local_authority" });
  const focalPoint = await createPerson({ email: `focal-${Date.now()}@bench.example` });
  await addMember(focalPoint.id, convener.id, { role: "admin", isFocalPoint: true });
  const space = await createSpace({ convenerOrganisationId: convener.id, createdById: focalPoint.id });
  const consultation = await db().consultation.create({
    data: {
      spaceId: space.id,
      title: "Ottawa Immigration Strategy 2027–2029",
      purpose: "What should the next three-year strategy change?",
      status: "published",
      audience: "public",
      closesAt: new Date(Date.now() - 30 * day),
      closedAt: new Date(Date.now() - 30 * day),
      feedbackDueAt: new Date(Date.now() - day),
      publishedAt: new Date(Date.now() - 2 * day),
      createdById: focalPoint.id,
      questions: {
        create: questions.map((question, position) => ({
          position: position + 1,
          kind: question.kind,
          prompt: question.prompt,
          options: JSON.stringify(question.options),
        })),
      },
    },
    include: { questions: { orderBy: { position: "asc" }, select: { id: true } } },
  });
  const ids = consultation.questions.map((question) => question.id);
  // The feedback is published: every input shares one response.
  const response = await db().consultationResponse.create({
    data: {
      consultationId: consultation.id,
      outcome: "partly_accepted",
      explanation:
        "Evening classes with childcare open in two centres in January; housing stays with the province.",
      changeMade: "Action 2.3 of the strategy now funds evening classes with childcare.",
      authorId: focalPoint.id,
    },
  });
  for (let start = 0; start < inputs; start += batch) {
    const indexes = Array.from({ length: Math.min(batch, inputs - start) }, (_, offset) => start + offset);
    await db().organisation.createMany({
      data: indexes.map((index) => ({
        id: `bench-organisation-${index}`,
        name: `Partner organisation ${index}`,
        type: types[index % types.length]!,
        governanceLevel: "local",
        place: "Ottawa",
        country: "CA",
        verificationStatus: "verified",
        contactName: "Contact",
        contactEmail: `partner${index}@bench.example`,
      })),
    });
    await db().submission.createMany({
      data: indexes.map((index) => ({
        id: `bench-input-${index}`,
        consultationId: consultation.id,
        organisationId: `bench-organisation-${index}`,
        answers: answersFor(index, ids),
        status: "submitted",
        version: 1,
        submittedAt: new Date(Date.now() - 40 * day + index * 1000),
        submittedById: focalPoint.id,
        themes: `${themes[index % themes.length]},${themes[(index + 2) % themes.length]}`,
        responseId: response.id,
      })),
    });
    // What was submitted is kept as version 1: the results, exports and report read it.
    await db().submissionVersion.createMany({
      data: indexes.map((index) => ({
        submissionId: `bench-input-${index}`,
        version: 1,
        answers: answersFor(index, ids),
        submittedById: focalPoint.id,
        submittedAt: new Date(Date.now() - 40 * day + index * 1000),
      })),
    });
  }
  await countSeededInputs(consultation.id, ids, response.outcome);
  // Organisations with a draft each, one submitted per round: "after a new submission".
  for (let round = 0; round < rounds; round++) {
    const organisation = await createOrganisation({ name: `Late organisation ${round}` });
    await db().submission.create({
      data: {
        id: `bench-late-input-${round}`,
        consultationId: consultation.id,
        organisationId: organisation.id,
        answers: answersFor(inputs + round, ids),
      },
    });
  }
  return { consultation, focalPoint };
}

/**
 * The results of the inputs seeded in bulk, as the submit command would have kept them one by one (ADR 0022):
 * their tallies, their listed answers and the organisation type each version counts under.
 */
async function countSeededInputs(consultationId: string, ids: string[], outcome: string) {
  const count = inputCounter(
    await db().consultationQuestion.findMany({
      where: { consultationId },
      select: { id: true, kind: true, options: true },
    }),
  );
  const changes = new TallyChanges();
  for (let start = 0; start < inputs; start += batch) {
    const listed = [];
    for (let index = start; index < Math.min(start + batch, inputs); index++) {
      const inputThemes = [themes[index % themes.length]!, themes[(index + 2) % themes.length]!];
      const rows = count(
        changes,
        {
          answers: answersFor(index, ids),
          organisationType: types[index % types.length]!,
          isAggregated: false,
          themes: inputThemes,
          outcome,
        },
        1,
      );
      for (const row of rows)
        listed.push({
          ...row,
          submissionId: `bench-input-${index}`,
          submittedAt: new Date(Date.now() - 40 * day + index * 1000),
          organisationType: types[index % types.length]!,
          themes: listedThemes(inputThemes),
        });
    }
    await db().listedAnswer.createMany({ data: listed });
  }
  for (const type of types)
    await db().submissionVersion.updateMany({
      where: { submission: { consultationId, organisation: { type } } },
      data: { organisationType: type },
    });
  await db().resultTally.createMany({
    data: changes.rows().map((row) => ({ consultationId, ...row })),
  });
}

/** A draft becomes a submitted input, as the submit command leaves it: a version 1, counted in the results. */
async function submitLateInput(round: number, submittedById: string) {
  const id = `bench-late-input-${round}`;
  const { answers } = await db().submission.findUniqueOrThrow({ where: { id }, select: { answers: true } });
  const submittedAt = new Date();
  await db().$transaction(async (tx) => {
    await tx.submissionVersion.create({
      data: { submissionId: id, version: 1, answers, submittedById, submittedAt },
    });
    await tx.submission.update({
      where: { id },
      data: { status: "submitted", version: 1, submittedAt, submittedById },
    });
    await countSubmittedVersion(tx, id, 0);
  });
}

/** Downloads an export to the end, sampling the server's resident memory every 5 ms meanwhile. */
async function download(server: ConcordServer, path: string, cookie: string) {
  const before = memoryMB(server.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, memoryMB(server.pid))), 5);
  const started = performance.now();
  const response = await fetch(`${server.origin}${path}`, {
    headers: { ...browserHeaders, cookie },
    signal: AbortSignal.timeout(60_000),
  });
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  let firstByte = 0;
  let bytes = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (bytes === 0) firstByte = performance.now() - started;
    bytes += value.byteLength;
  }
  const total = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, memoryMB(server.pid));
  return { firstByte, total, mib: bytes / 1024 / 1024, growth: peak - before };
}

const seeding = performance.now();
const baselineDir = await prepareBaseline();
const { consultation, focalPoint } = await seed();
const seeded = performance.now() - seeding;
const base = `/consultations/${consultation.id}`;

// First reads: both servers restarted each round, so each first read is a cold one.
const cold = { baseline: [] as number[], concord: [] as number[] };
const afterSubmission = { baseline: [] as number[], concord: [] as number[] };
let cookie = "";
let concord: ConcordServer | undefined;
let baseline: Server | undefined;
try {
  for (let round = 0; round < rounds; round++) {
    await Promise.all([concord?.stop(), baseline?.stop()]);
    baseline = await startBaseline(baselineDir);
    concord = await startConcord(dataDir);
    cookie ||= await signedInCookie(concord, focalPoint.email);
    cold.baseline.push(await readOnce(baseline, "/table"));
    cold.concord.push(await readOnce(concord, `${base}/results`, cookie));
    await submitLateInput(round, focalPoint.id);
    afterSubmission.baseline.push(await readOnce(baseline, "/table"));
    afterSubmission.concord.push(await readOnce(concord, `${base}/results`, cookie));
  }
  const running = { concord: concord!, baseline: baseline! };
  const signedIn = { cookie };
  const load = await interleave(
    {
      bare: { server: running.baseline, path: "/", connections: 10 },
      results: { server: running.concord, path: `${base}/results`, connections: 10, headers: signedIn },
      table: { server: running.baseline, path: "/table", connections: 10 },
      report: { server: running.concord, path: `${base}/report`, connections: 10, headers: signedIn },
    },
    { seconds: runSeconds(5) },
  );

  const exports: Row[] = [];
  for (const format of ["csv", "json"] as const) {
    await download(running.concord, `${base}/export.${format}`, cookie); // warms the code path
    const runs = [];
    for (let round = 0; round < rounds; round++)
      runs.push(await download(running.concord, `${base}/export.${format}`, cookie));
    const budget = format === "csv";
    exports.push(
      {
        measure: `${format} export, total s`,
        concord: runs.map((run) => run.total / 1000),
        budget: budget ? "≤ 2 s" : "",
      },
      { measure: `${format} export, first byte ms`, concord: runs.map((run) => run.firstByte) },
      { measure: `${format} export, MiB downloaded`, concord: runs.map((run) => run.mib) },
      {
        measure: `${format} export, server RSS growth while streaming, MB`,
        concord: runs.map((run) => run.growth),
        budget: budget ? "flat" : "",
      },
    );
  }

  printTable(
    `consultation with ${(inputs + rounds).toLocaleString("en")} submitted inputs × ${questions.length} questions ` +
      `(seeded in ${(seeded / 1000).toFixed(1)} s) — baseline: /table unless named`,
    [
      {
        measure: "results page, first read after a restart, ms",
        concord: cold.concord,
        baseline: cold.baseline,
        budget: "≤ 300 ms",
      },
      {
        measure: "results page, first read after a new submission, ms (baseline: a /table read)",
        concord: afterSubmission.concord,
        baseline: afterSubmission.baseline,
        budget: "≤ 300 ms",
      },
      figure("results page p95 ms, 10 connections", (r) => r.p95, load.results, load.table, "≤ 300 ms"),
      figure(
        "results page p95 ms, 10 connections, vs the baseline's /",
        (r) => r.p95,
        load.results,
        load.bare,
      ),
      figure("results page requests/s, 10 connections", (r) => r.perSecond, load.results, load.table),
      figure("results page server CPU ms / request", (r) => r.cpuMsPerRequest, load.results, load.table),
      figure("feedback report p95 ms, 10 connections", (r) => r.p95, load.report, load.table),
      figure("feedback report server CPU ms / request", (r) => r.cpuMsPerRequest, load.report, load.table),
      ...exports,
      {
        measure: "server peak RSS over the run (VmHWM), MB",
        concord: [memoryMB(running.concord.pid, "VmHWM")],
        baseline: [memoryMB(running.baseline.pid, "VmHWM")],
      },
    ],
  );
} finally {
  await Promise.all([concord?.stop(), baseline?.stop()]);
  await db().$disconnect();
}
