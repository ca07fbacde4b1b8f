// npm run bench:space — a space with 200 organisations, 2,000 updates and 1,000 concerns: p50/p95 latency and
// requests/s of the space page at 10 and 50 connections, next to a bare Remix page (the sign-in page, no
// database work) measured in the same run, and the engagement overview query time.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { levels } from "~/modules/engagement/levels";
import { engagementOverview } from "~/modules/engagement/overview.server";
import { db } from "~/utils/db.server";
import { applyMigrations } from "../server/migrate";
import { addMember, createOrganisation, createPerson, defaultTestPassword } from "../tests/factories";
import { startConcordProcess } from "../tests/support/process";
import { Browserless } from "../tests/support/server";
import { createSpace } from "../tests/space-factories";

const dataDir = mkdtempSync(path.join(tmpdir(), "concord-bench-space-"));
const dbFile = path.join(dataDir, "concord.db");
process.env.DATABASE_URL = `file:${dbFile}`;
process.env.DATA_DIR = dataDir;
applyMigrations(dbFile);

async function seed() {
  const convener = await createOrganisation({ name: "Bench Ministry", type: "national_ministry" });
  const focalPoint = await createPerson({ email: `focal-${Date.now()}@bench.example` });
  await addMember(focalPoint.id, convener.id, { role: "admin", isFocalPoint: true });
  const space = await createSpace({ convenerOrganisationId: convener.id, createdById: focalPoint.id });
  const organisations: { id: string }[] = [];
  for (let index = 0; index < 200; index++) {
    organisations.push(await createOrganisation({ name: `Partner organisation ${index}` }));
  }
  await db().spaceParticipant.createMany({
    data: organisations.map((organisation, index) => ({
      spaceId: space.id,
      organisationId: organisation.id,
      role: "participant",
      level: levels[index % levels.length]!,
      status: "active",
    })),
  });
  await db().levelChange.createMany({
    data: Array.from({ length: 2000 }, (_, index) => ({
      spaceId: space.id,
      organisationId: organisations[index % 200]!.id,
      fromLevel: levels[index % 4]!,
      toLevel: levels[(index % 4) + 1]!,
      kind: "changed",
      rationale: "Benchmark history",
      changedById: focalPoint.id,
      createdAt: new Date(Date.now() - (2000 - index) * 3600_000),
    })),
  });
  await db().spaceUpdate.createMany({
    data: Array.from({ length: 2000 }, (_, index) => ({
      spaceId: space.id,
      kind: "announcement",
      title: `Update ${index}`,
      body: "An update body of a realistic length, describing a decision and what follows from it.",
      authorId: focalPoint.id,
      organisationId: convener.id,
    })),
  });
  await db().concern.createMany({
    data: Array.from({ length: 1000 }, (_, index) => ({
      spaceId: space.id,
      organisationId: organisations[index % 200]!.id,
      raisedById: focalPoint.id,
      text: `Concern ${index}: waiting times for language classes are too long.`,
      theme: "language",
      status: index % 3 === 0 ? "open" : "answered",
    })),
  });
  return { space, focalPoint };
}

async function overviewQueryTime(spaceId: string) {
  const times: number[] = [];
  for (let run = 0; run < 20; run++) {
    const started = performance.now();
    await engagementOverview(spaceId);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return `median ${times[10]!.toFixed(1)} ms, max ${times[19]!.toFixed(1)} ms (20 runs)`;
}

async function load(url: string, connections: number, cookie?: string) {
  const result = await autocannon({
    url,
    connections,
    duration: Number(process.env.BENCH_SECONDS ?? 8),
    headers: cookie ? { cookie } : {},
  });
  if (result.non2xx > 0) throw new Error(`${url} answered ${result.non2xx} non-2xx responses`);
  return result;
}

const { space, focalPoint } = await seed();
const { child: server, origin } = await startConcordProcess(dataDir, {
  LOG_LEVEL: "warn",
  DEMO_DATA: "false",
});
try {
  const client = new Browserless(origin);
  await client.signIn(focalPoint.email, defaultTestPassword);
  const cookie = client.cookieHeader();
  const spaceUrl = `${origin}/spaces/${space.id}`;
  const bareUrl = `${origin}/login`;

  const lines: string[] = [];
  for (const connections of [10, 50]) {
    const bare = await load(bareUrl, connections);
    const page = await load(spaceUrl, connections, cookie);
    lines.push(
      `${connections} connections — bare Remix page: ${bare.requests.average.toFixed(0)} req/s, p50 ${bare.latency.p50} ms, p97.5 ${bare.latency.p97_5} ms`,
      `${connections} connections — space page:      ${page.requests.average.toFixed(0)} req/s, p50 ${page.latency.p50} ms, p97.5 ${page.latency.p97_5} ms, p99 ${page.latency.p99} ms (${((page.requests.average / bare.requests.average) * 100).toFixed(0)}% of bare)`,
    );
  }
  // Each loader alone, to see where the page's time goes.
  for (const route of ["", "root", "routes/spaces.$spaceId", "routes/spaces.$spaceId._index"]) {
    const query = route ? `?_routes=${encodeURIComponent(route)}` : "";
    const data = await load(`${spaceUrl}.data${query}`, 10, cookie);
    lines.push(
      `10 connections — data only, ${route || "all loaders"}: ${data.requests.average.toFixed(0)} req/s, p50 ${data.latency.p50} ms, p97.5 ${data.latency.p97_5} ms`,
    );
  }
  console.log("space with 200 organisations, 2,000 updates, 2,000 level changes, 1,000 concerns");
  for (const line of lines) console.log(line);
  console.log(`engagement overview query — ${await overviewQueryTime(space.id)}`);
} finally {
  server.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
}
