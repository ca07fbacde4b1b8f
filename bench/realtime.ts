// npm run bench:realtime — one live event fanned out to 100 / 1,000 / 2,000 socket.io clients of distinct people:
// a convener publishes an update, and every member of the space's organisations is told "notification:new" in
// their own room. Measured from the moment the publishing request is sent to each socket's receipt (all clients
// in this process, on this clock): p50 / p99 / max (budget p99 ≤ 50 ms at 1,000). Then the server's resident
// memory idle and with 5,000 idle sockets (budgets ≤ 120 MB, ≤ 300 MB). The baseline's socket.io in the same
// run, three rounds, both servers restarted each round: as many of its sockets sending `ping` at once, each
// timed to its acknowledgement, a single acknowledged round trip, and its memory with 5,000 sockets.
// Prints numbers, asserts nothing.
import { readFileSync } from "node:fs";
import type { Socket } from "socket.io-client";
import { createSessionCookie } from "~/modules/auth/session.server";
import { db } from "~/utils/db.server";
import { addMember, createOrganisation, createPerson } from "../prisma/factories/people";
import { createSpace } from "../prisma/factories/spaces";
import { prepareBaseline, startBaseline } from "./support/baseline";
import { concordDataDir, signedInCookie, startConcord, type ConcordServer } from "./support/concord";
import { browserHeaders, percentile, rounds } from "./support/load";
import { limitRunTime, memoryMB, sleep, type Server } from "./support/processes";
import { printTable, type Row } from "./support/report";
import { connect, connectUpTo, fanOut, pingAll, type Timings } from "./support/sockets";
import { bulkInsert, organisationId, organisationRows, sequentialId, sqliteDate } from "./support/sqlite";

limitRunTime(20);
// BENCH_MAX_SOCKETS (e.g. 1000) makes a quick run with fewer sockets.
const maxSockets = Number(process.env.BENCH_MAX_SOCKETS ?? 5_000);
const fanOuts = [100, 1_000, 2_000].filter((size) => size <= maxSockets);
const idleSockets = Math.min(5_000, maxSockets);
const peoplePerOrganisation = 10;

const openFiles = Number(/Max open files\s+(\d+)/.exec(readFileSync("/proc/self/limits", "utf8"))?.[1] ?? 0);
if (openFiles < idleSockets + 1_000)
  throw new Error(`${idleSockets} sockets need more open files than ${openFiles}: raise it with ulimit -n`);

const { dataDir, dbFile } = concordDataDir("realtime");

/**
 * 5,000 people in organisations of ten, in bulk; a space per fan-out size whose participants are the first
 * organisations, so that publishing there notifies exactly that many people; and a session for each person,
 * opened through the app's own lucia sessions (`createSessionCookie`, as signing in does).
 */
async function seed() {
  const convener = await createOrganisation({ name: "Bench Ministry", type: "national_ministry" });
  const focalPoint = await createPerson({ email: `focal-${Date.now()}@bench.example` });
  await addMember(focalPoint.id, convener.id, { role: "admin", isFocalPoint: true });
  const now = sqliteDate(new Date());
  bulkInsert(dbFile, { from: 0, to: Math.ceil(idleSockets / peoplePerOrganisation) }, [
    organisationRows(
      () => "cso",
      () => now,
    ),
  ]);
  bulkInsert(dbFile, { from: 0, to: idleSockets }, [
    {
      table: "Person",
      columns: ["id", "email", "name", "passwordHash", "emailConfirmedAt", "createdAt", "updatedAt"],
      // Nobody signs in with a password: their sessions are opened directly below. Their addresses are
      // confirmed: an unconfirmed person's socket is refused (ADR 0012).
      row: (i) => [
        sequentialId("bench-person-", i),
        `person${i}@bench.example`,
        `Person ${i}`,
        "-",
        now,
        now,
        now,
      ],
    },
    {
      table: "Membership",
      columns: ["id", "personId", "organisationId", "role", "createdAt"],
      row: (i) => [
        sequentialId("bench-membership-", i),
        sequentialId("bench-person-", i),
        organisationId(Math.floor(i / peoplePerOrganisation)),
        "member",
        now,
      ],
    },
  ]);
  const spaces = new Map<number, string>();
  for (const size of fanOuts) {
    const space = await createSpace({ convenerOrganisationId: convener.id, createdById: focalPoint.id });
    await db().spaceParticipant.createMany({
      data: Array.from({ length: size / peoplePerOrganisation }, (_, i) => ({
        spaceId: space.id,
        organisationId: organisationId(i),
        role: "participant",
        level: "INFORM",
        status: "active",
        spaceTitle: space.title,
        organisationName: `Partner organisation ${String(i).padStart(8, "0")}`,
      })),
    });
    spaces.set(size, space.id);
  }
  const cookies: string[] = [];
  for (let i = 0; i < idleSockets; i++) {
    const cookie = await createSessionCookie(sequentialId("bench-person-", i), {
      userAgent: browserHeaders["user-agent"],
      ipAddress: "127.0.0.1",
    });
    cookies.push(cookie.split(";")[0]!);
  }
  return { focalPoint, spaces, cookies };
}

/** The median of 20 acknowledged round trips on one socket, one after the other. */
async function roundTrip(socket: Socket, event: string, payload: unknown) {
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await socket.timeout(10_000).emitWithAck(event, payload);
    times.push(performance.now() - started);
  }
  return percentile(
    times.sort((a, b) => a - b),
    0.5,
  );
}

type RoundFigures = {
  idleMB: number;
  socketsMB: number;
  roundTripMs: number;
  bySize: Map<number, Timings>;
  secondsToConnect: number;
};

async function baselineRound(server: Server): Promise<RoundFigures> {
  const sockets: Socket[] = [];
  const idleMB = memoryMB(server.pid);
  const bySize = new Map<number, Timings>();
  try {
    for (const size of fanOuts) {
      await connectUpTo(sockets, size, () => connect(server.origin));
      await pingAll(sockets.slice(0, size)); // warm-up
      bySize.set(size, await pingAll(sockets.slice(0, size)));
    }
    const started = performance.now();
    await connectUpTo(sockets, idleSockets, () => connect(server.origin));
    const secondsToConnect = (performance.now() - started) / 1000;
    await sleep(1_000);
    const roundTripMs = await roundTrip(sockets[0]!, "ping", "bench");
    return { idleMB, socketsMB: memoryMB(server.pid), roundTripMs, bySize, secondsToConnect };
  } finally {
    for (const socket of sockets) socket.close();
  }
}

async function concordRound(
  server: ConcordServer,
  seeded: Awaited<ReturnType<typeof seed>>,
  convenerCookie: string,
): Promise<RoundFigures> {
  const sockets: Socket[] = [];
  const open = (index: number) =>
    connect(server.origin, { cookie: seeded.cookies[index]!, origin: server.publicOrigin });
  const idleMB = memoryMB(server.pid);
  const bySize = new Map<number, Timings>();
  try {
    for (const size of fanOuts) {
      await connectUpTo(sockets, size, open);
      const spaceId = seeded.spaces.get(size)!;
      await fanOut(server, convenerCookie, spaceId, sockets.slice(0, size)); // warm-up
      bySize.set(size, await fanOut(server, convenerCookie, spaceId, sockets.slice(0, size)));
    }
    const started = performance.now();
    await connectUpTo(sockets, idleSockets, open);
    const secondsToConnect = (performance.now() - started) / 1000;
    await sleep(1_000);
    const roundTripMs = await roundTrip(sockets[0]!, "presence:list", {
      organisationId: organisationId(0),
    });
    return { idleMB, socketsMB: memoryMB(server.pid), roundTripMs, bySize, secondsToConnect };
  } finally {
    for (const socket of sockets) socket.close();
  }
}

const seeding = performance.now();
const baselineDir = await prepareBaseline();
const seeded = await seed();
console.log(
  `seeded ${idleSockets.toLocaleString("en")} people with a session each in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
);
const results = { concord: [] as RoundFigures[], baseline: [] as RoundFigures[] };
let concord: ConcordServer | undefined;
let baseline: Server | undefined;
let convenerCookie = "";
try {
  for (let round = 0; round < rounds; round++) {
    await Promise.all([concord?.stop(), baseline?.stop()]);
    [baseline, concord] = await Promise.all([startBaseline(baselineDir), startConcord(dataDir)]);
    await sleep(1_000);
    results.baseline.push(await baselineRound(baseline));
    convenerCookie ||= await signedInCookie(concord, seeded.focalPoint.email);
    results.concord.push(await concordRound(concord, seeded, convenerCookie));
  }
} finally {
  await Promise.all([concord?.stop(), baseline?.stop()]);
  await db().$disconnect();
}

const rows: Row[] = [];
for (const size of fanOuts) {
  const timings = (figures: RoundFigures[], share: number) =>
    figures.map((round) => {
      const { latencies } = round.bySize.get(size)!;
      return share === 1 ? latencies.at(-1)! : percentile(latencies, share);
    });
  const people = size.toLocaleString("en");
  for (const [name, share] of [
    ["p50", 0.5],
    ["p99", 0.99],
    ["max", 1],
  ] as const)
    rows.push({
      measure: `${name} ms: update → ${people} people's sockets (baseline: ${people} pings → acks)`,
      concord: timings(results.concord, share),
      baseline: timings(results.baseline, share),
      budget: name === "p99" && size === 1_000 ? "≤ 50 ms" : "",
    });
  rows.push({
    measure: `  the publishing request answered (redirect received) after, ms`,
    concord: results.concord.map((round) => round.bySize.get(size)!.answeredMs!),
  });
  rows.push({
    measure: `  sockets that missed it, of ${people}`,
    concord: results.concord.map((round) => round.bySize.get(size)!.missing),
    baseline: results.baseline.map((round) => round.bySize.get(size)!.missing),
  });
}
const each = (pick: (figures: RoundFigures) => number) => ({
  concord: results.concord.map(pick),
  baseline: results.baseline.map(pick),
});
rows.push(
  { measure: "server RSS MB idle (just started)", ...each((round) => round.idleMB), budget: "≤ 120 MB" },
  {
    measure: `server RSS MB with ${idleSockets.toLocaleString("en")} idle sockets`,
    ...each((round) => round.socketsMB),
    budget: "≤ 300 MB",
  },
  {
    measure: `one acknowledged round trip ms, ${idleSockets.toLocaleString("en")} sockets open (Concord: presence:list; baseline: ping)`,
    ...each((round) => round.roundTripMs),
  },
);
const moreSockets = idleSockets - (fanOuts.at(-1) ?? 0);
if (moreSockets > 0)
  rows.push({
    measure: `s to open ${moreSockets.toLocaleString("en")} more sockets, 50 at a time`,
    ...each((round) => round.secondsToConnect),
  });
printTable(
  "live events: one update fanned out to each person's socket, all clients in this process (their own " +
    "processing of the messages counts too)",
  rows,
);
