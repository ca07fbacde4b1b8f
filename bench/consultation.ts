// npm run bench:consultation — a consultation with 10,000 submitted inputs of 10 questions (every kind): p50/p97.5
// of the results page and of the feedback report at 10 connections, then the CSV export's total time and the
// server's resident memory while it streams (sampled from /proc), and the JSON export's time. Budgets in
// DESIGN.md: results page ≤ 300 ms; CSV export streams in ≤ 2 s with flat memory. Prints numbers, asserts
// nothing.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { db } from "~/utils/db.server";
import { applyMigrations } from "../server/migrate";
import { addMember, createOrganisation, createPerson, defaultTestPassword } from "../tests/factories";
import { startConcordProcess } from "../tests/support/process";
import { Browserless } from "../tests/support/server";
import { createSpace } from "../tests/space-factories";

const dataDir = mkdtempSync(path.join(tmpdir(), "concord-bench-consultation-"));
const dbFile = path.join(dataDir, "concord.db");
process.env.DATABASE_URL = `file:${dbFile}`;
process.env.DATA_DIR = dataDir;
applyMigrations(dbFile);

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
  return { consultation, focalPoint };
}

async function load(url: string, cookie: string) {
  const result = await autocannon({
    url,
    connections: 10,
    duration: Number(process.env.BENCH_SECONDS ?? 8),
    headers: { cookie },
  });
  if (result.non2xx > 0) throw new Error(`${url} answered ${result.non2xx} non-2xx responses`);
  return `${result.requests.average.toFixed(1)} req/s, p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms`;
}

/** Resident memory of a process, in MiB, from /proc (VmRSS now, VmHWM its peak so far). */
function memory(pid: number, field: "VmRSS" | "VmHWM") {
  const match = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`${field}:\\s+(\\d+) kB`));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** Downloads an export to the end, sampling the server's resident memory every 5 ms meanwhile. */
async function download(url: string, cookie: string, pid: number) {
  const before = memory(pid, "VmRSS");
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, memory(pid, "VmRSS"))), 5);
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
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
  peak = Math.max(peak, memory(pid, "VmRSS"));
  return { status: response.status, firstByte, total, bytes, before, peak };
}

const seeding = performance.now();
const { consultation, focalPoint } = await seed();
const seeded = performance.now() - seeding;
const { child: server, origin } = await startConcordProcess(dataDir, {
  LOG_LEVEL: "warn",
  DEMO_DATA: "false",
});
try {
  const client = new Browserless(origin);
  await client.signIn(focalPoint.email, defaultTestPassword);
  const cookie = client.cookieHeader();
  const base = `${origin}/consultations/${consultation.id}`;
  const pid = server.pid!;

  // The first read computes the aggregates; later reads of the same inputs' version reuse them.
  const cold = performance.now();
  const first = await fetch(`${base}/results`, { headers: { cookie } });
  await first.text();
  const coldMs = performance.now() - cold;
  const lines = [
    `consultation with ${inputs.toLocaleString("en")} submitted inputs × ${questions.length} questions (seeded in ${(seeded / 1000).toFixed(1)} s)`,
    `results page, first read (computes the aggregates): ${coldMs.toFixed(0)} ms`,
    `results page, 10 connections:         ${await load(`${base}/results`, cookie)}`,
    `results data only (.data), 10 conn.:  ${await load(`${base}/results.data?_routes=${encodeURIComponent("routes/consultations.$consultationId.results")}`, cookie)}`,
    `feedback report page, 10 connections: ${await load(`${base}/report`, cookie)}`,
  ];
  for (const [name, url] of [
    ["CSV export ", `${base}/export.csv`],
    ["JSON export", `${base}/export.json`],
  ] as const) {
    // Twice each: the first run warms the code paths; the second is reported.
    await download(url, cookie, pid);
    const run = await download(url, cookie, pid);
    if (run.status !== 200) throw new Error(`${url} answered ${run.status}`);
    lines.push(
      `${name}: ${(run.total / 1000).toFixed(2)} s total, first byte after ${run.firstByte.toFixed(0)} ms, ` +
        `${(run.bytes / 1024 / 1024).toFixed(1)} MiB; server resident memory ${run.before.toFixed(0)} MiB before, ` +
        `peak ${run.peak.toFixed(0)} MiB during (+${(run.peak - run.before).toFixed(0)} MiB)`,
    );
  }
  lines.push(
    `server peak resident memory over the whole run (VmHWM): ${memory(pid, "VmHWM").toFixed(0)} MiB`,
  );
  for (const line of lines) console.log(line);
} finally {
  server.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
}
