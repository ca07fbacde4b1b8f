// npm run bench:space — the space page of a space with 200 organisations, 2,000 updates, 2,000 level changes and
// 1,000 concerns (the "5,000 messages" of the budget until messages exist), against the baseline's bare page
// `/` in the same run, interleaved, three rounds: requests/s at 50 connections as a share of the bare page's
// (budget ≥ 40%), p95 at 10 connections (≤ 50 ms), server CPU per request (≤ 4 ms); then the engagement
// overview query alone. Prints numbers, asserts nothing.
import { engagementOverview } from "~/modules/engagement/overview.server";
import { db } from "~/utils/db.server";
import { prepareBaseline, startBaseline } from "./support/baseline";
import { concordDataDir, signedInCookie, startConcord } from "./support/concord";
import { interleave, runSeconds } from "./support/load";
import { limitRunTime } from "./support/processes";
import { figure, printTable } from "./support/report";
import { seedBusySpace } from "./support/space-seed";

limitRunTime(10);
const { dataDir } = concordDataDir("space");

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
const { space, focalPoint } = await seedBusySpace();
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
