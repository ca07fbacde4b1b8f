// npm run bench:space — the space page of a space with 200 organisations, 2,000 updates, 2,000 level changes and
// 1,000 concerns (the "5,000 messages" of the budget until messages exist), against the baseline's bare page
// `/` in the same run, interleaved, three rounds: requests/s at 50 connections as a share of the bare page's
// (budget ≥ 40%), p95 at 10 connections (≤ 50 ms), server CPU per request (≤ 4 ms); then the engagement
// overview query alone. Prints numbers, asserts nothing.
import { levels } from "~/modules/engagement/levels";
import { engagementOverview } from "~/modules/engagement/overview.server";
import { db } from "~/utils/db.server";
import { addMember, createOrganisation, createPerson } from "../prisma/factories/people";
import { createSpace } from "../prisma/factories/spaces";
import { prepareBaseline, startBaseline } from "./support/baseline";
import { concordDataDir, signedInCookie, startConcord } from "./support/concord";
import { interleave, runSeconds } from "./support/load";
import { limitRunTime } from "./support/processes";
import { figure, printTable } from "./support/report";

limitRunTime(10);
const { dataDir } = concordDataDir("space");

async function seed() {
  const convener = await createOrganisation({ name: "Bench Ministry", type: "national_ministry" });
  const focalPoint = await createPerson({ email: `focal-${Date.now()}@bench.example` });
  await addMember(focalPoint.id, convener.id, { role: "admin", isFocalPoint: true });
  const space = await createSpace({ convenerOrganisationId: convener.id, createdById: focalPoint.id });
  const organisations: { id: string; name: string }[] = [];
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
      spaceTitle: space.title,
      organisationName: organisation.name,
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

const baselineDir = await prepareBaseline();
const { space, focalPoint } = await seed();
const baseline = await startBaseline(baselineDir);
const concord = await startConcord(dataDir);
try {
  const cookie = await signedInCookie(concord, focalPoint.email);
  const spacePage = `/spaces/${space.id}`;
  const results = await interleave(
    {
      bare50: { server: baseline, path: "/", connections: 50 },
      space50: { server: concord, path: spacePage, connections: 50, headers: { cookie } },
      bare10: { server: baseline, path: "/", connections: 10 },
      space10: { server: concord, path: spacePage, connections: 10, headers: { cookie } },
    },
    { seconds: runSeconds(5) },
  );
  const { bare50, space50, bare10, space10 } = results;
  printTable(
    "space page (200 organisations, 2,000 updates, 2,000 level changes, 1,000 concerns) vs the baseline's /",
    [
      figure("requests/s, 50 connections", (r) => r.perSecond, space50, bare50, "ratio ≥ 0.40"),
      figure("p95 ms, 10 connections", (r) => r.p95, space10, bare10, "≤ 50 ms"),
      figure("p50 ms, 10 connections", (r) => r.p50, space10, bare10),
      figure("server CPU ms / request, 50 connections", (r) => r.cpuMsPerRequest, space50, bare50, "≤ 4 ms"),
      figure("server RSS MB after 50 connections", (r) => r.rssMB, space50, bare50),
    ],
  );
  console.log(`\nengagement overview query alone: ${await overviewQueryTime(space.id)}`);
} finally {
  await Promise.all([concord.stop(), baseline.stop()]);
  await db().$disconnect();
}
