// npm run bench:scale — Concord past one process, on one machine, in one run (issue 9, ADR 0015's method):
//   1. the space page of the space-page budget (200 organisations, 2,000 updates, 2,000 level changes, 1,000
//      concerns) at 50 connections: on SQLite (one process), on PostgreSQL (one process, no Redis), and on
//      PostgreSQL + Redis through `npm run start:cluster` with 1 worker and with 2 workers (the connections split
//      over the workers' ports, as a sticky-session proxy would spread people) — requests/s and p99, interleaved
//      with the baseline's bare page `/`, three rounds, each figure's ratio to the baseline's in the same round;
//   2. one live event fanned out to 1,000 sockets of 1,000 different people on PostgreSQL + Redis, with 1 worker
//      and with 2 (half the sockets on each; the update is published through the first), measured from the
//      publishing request to each socket's receipt, against the baseline's socket.io answering 1,000 pings.
// Needs PostgreSQL (CONCORD_BENCH_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/postgres; a database
// of its own is created and dropped) and Redis (REDIS_URL, default redis://127.0.0.1:6379). Prints numbers,
// asserts nothing.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { createClient } from "redis";
import type { Socket } from "socket.io-client";
import { createSessionCookie } from "~/modules/auth/session.server";
import { db, disconnectDb } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import { applyPostgresMigrations } from "../server/migrate";
import { addMember, createOrganisation, createPerson } from "../prisma/factories/people";
import { createSpace } from "../prisma/factories/spaces";
import { startConcordProcess } from "../tests/support/process";
import { prepareBaseline, startBaseline } from "./support/baseline";
import { concordDataDir, signedInCookie, startConcord, type ConcordServer } from "./support/concord";
import { browserHeaders, interleave, percentile, rounds, runSeconds, type Target } from "./support/load";
import { limitRunTime, listenerPid, onExit, removeAtExit, sleep, type Server } from "./support/processes";
import { figure, printTable, type Row } from "./support/report";
import { connect, connectUpTo, fanOut, pingAll, type Timings } from "./support/sockets";
import { seedBusySpace } from "./support/space-seed";

limitRunTime(20);
const root = path.resolve(import.meta.dirname, "..");
const postgresAdmin =
  process.env.CONCORD_BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
// Only the cluster runs get Redis: the single processes (startConcordProcess passes this environment on) run without.
delete process.env.REDIS_URL;
const runId = `concord_bench_scale_${Date.now()}`;
const sessionSecret = "bench-scale-secret-shared-by-every-worker";
const fanOutSize = 1_000;
const peoplePerOrganisation = 10;

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdmin });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** This run's PostgreSQL database, migrated; dropped at the end of the run. */
async function createPostgresDatabase() {
  await admin((client) => client.query(`CREATE DATABASE "${runId}"`));
  const url = new URL(postgresAdmin);
  url.pathname = `/${runId}`;
  await applyPostgresMigrations(url.toString());
  return url.toString();
}

const dropPostgresDatabase = () =>
  admin((client) => client.query(`DROP DATABASE IF EXISTS "${runId}" WITH (FORCE)`)).catch((error: unknown) =>
    console.error(`could not drop the benchmark database ${runId}:`, error),
  );

/** Removes the keys and streams the cluster runs left in Redis (all under this run's prefixes). */
async function removeRedisKeys() {
  const client = createClient({ url: redisUrl });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${runId}_*`, COUNT: 500 }))
      for (const key of [keys].flat()) await client.del(key);
  } finally {
    client.destroy();
  }
}

/** Points this process's database client (the seeding) at `url`. */
async function useDatabase(url: string) {
  await disconnectDb();
  process.env.DATABASE_URL = url;
  resetEnvCache();
}

/** 1,000 people in organisations of ten taking part in one space, each with a session (as bench:realtime). */
async function seedAudience() {
  const convener = await createOrganisation({ name: "Fan-out Ministry", type: "national_ministry" });
  const focalPoint = await createPerson({ email: `fan-out-focal-${Date.now()}@bench.example` });
  await addMember(focalPoint.id, convener.id, { role: "admin", isFocalPoint: true });
  const space = await createSpace({ convenerOrganisationId: convener.id, createdById: focalPoint.id });
  const organisations: { id: string; name: string }[] = [];
  for (let index = 0; index < fanOutSize / peoplePerOrganisation; index++)
    organisations.push(await createOrganisation({ name: `Fan-out partner ${index}` }));
  await db().spaceParticipant.createMany({
    data: organisations.map((organisation) => ({
      spaceId: space.id,
      organisationId: organisation.id,
      role: "participant",
      level: "INFORM",
      status: "active",
      spaceTitle: space.title,
      organisationName: organisation.name,
    })),
  });
  const personIds = Array.from(
    { length: fanOutSize },
    (_, i) => `bench-person-${String(i).padStart(8, "0")}`,
  );
  await db().person.createMany({
    data: personIds.map((id, i) => ({
      id,
      email: `person${i}@bench.example`,
      name: `Person ${i}`,
      passwordHash: "-",
      // Confirmed addresses: sockets of people who have not confirmed theirs join no room (ADR 0012).
      emailConfirmedAt: new Date(),
    })),
  });
  await db().membership.createMany({
    data: personIds.map((personId, i) => ({
      personId,
      organisationId: organisations[Math.floor(i / peoplePerOrganisation)]!.id,
      role: "member",
    })),
  });
  const cookies: string[] = [];
  for (const personId of personIds) {
    const cookie = await createSessionCookie(personId, {
      userAgent: browserHeaders["user-agent"],
      ipAddress: "127.0.0.1",
    });
    cookies.push(cookie.split(";")[0]!);
  }
  return { focalPoint, spaceId: space.id, cookies };
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** A first port with `count` free ports from it, for the workers of start:cluster. */
async function freePorts(count: number): Promise<number> {
  for (;;) {
    const first = 20_000 + Math.floor(Math.random() * 30_000);
    const free = await Promise.all(Array.from({ length: count }, (_, i) => portFree(first + i)));
    if (free.every(Boolean)) return first;
  }
}

/** `npm run start:cluster <workers>` on PostgreSQL + Redis: one ConcordServer per worker, and how to stop them all. */
async function startCluster(workers: number, databaseUrl: string, dataDir: string) {
  const firstPort = await freePorts(workers);
  const ports = Array.from({ length: workers }, (_, i) => firstPort + i);
  const publicOrigin = `http://localhost:${firstPort}`;
  const child = spawn(process.execPath, [path.join(root, "scripts/start-cluster.mjs"), String(workers)], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(firstPort),
      HOST: "127.0.0.1",
      PUBLIC_ORIGIN: publicOrigin,
      EXTRA_ORIGINS: ports
        .slice(1)
        .map((port) => `http://localhost:${port}`)
        .join(","),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: `${runId}_${workers}`,
      SESSION_SECRET: sessionSecret,
      DATA_DIR: dataDir,
      DEMO_DATA: "false",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const kill = () => child.kill("SIGTERM");
  const forget = onExit(kill);
  const deadline = Date.now() + 60_000;
  while (!output.includes("Concord workers on ports")) {
    if (child.exitCode !== null) throw new Error(`start:cluster exited early:\n${output}`);
    if (Date.now() > deadline) {
      kill();
      throw new Error(`start:cluster did not start in 60 s:\n${output}`);
    }
    await sleep(100);
  }
  const servers: ConcordServer[] = ports.map((port, index) => {
    const pid = listenerPid(child.pid!, port);
    if (!pid) throw new Error(`no worker of start:cluster listens on ${port}`);
    return {
      name: `Concord worker ${index + 1} of ${workers}`,
      origin: `http://127.0.0.1:${port}`,
      // Every worker answers to the one public origin, as behind the proxy; requests made to it reach worker 1.
      publicOrigin,
      output: () => output,
      pid,
      stop: async () => undefined,
    };
  });
  return {
    servers,
    stop: async () => {
      kill();
      await exited;
      forget();
    },
  };
}

/** The space page spread over the workers: `connections` in all, split evenly. */
const spread = (servers: Server[], pagePath: string, connections: number, cookie: string): Target[] =>
  servers.map((server, index) => ({
    server,
    path: pagePath,
    connections: Math.floor(connections / servers.length) + (index < connections % servers.length ? 1 : 0),
    headers: { cookie },
  }));

async function fanOutRound(
  servers: ConcordServer[],
  cookies: string[],
  convenerCookie: string,
  spaceId: string,
) {
  const sockets: Socket[] = [];
  try {
    await connectUpTo(sockets, fanOutSize, (index) => {
      const server = servers[index % servers.length]!;
      return connect(server.origin, { cookie: cookies[index]!, origin: server.publicOrigin });
    });
    await fanOut(servers[0]!, convenerCookie, spaceId, sockets); // warm-up
    return await fanOut(servers[0]!, convenerCookie, spaceId, sockets);
  } finally {
    for (const socket of sockets) socket.close();
  }
}

async function baselineFanOut(server: Server) {
  const sockets: Socket[] = [];
  try {
    await connectUpTo(sockets, fanOutSize, () => connect(server.origin));
    await pingAll(sockets); // warm-up
    return await pingAll(sockets);
  } finally {
    for (const socket of sockets) socket.close();
  }
}

// Seeding: the busy space on SQLite, then the busy space and the fan-out audience on PostgreSQL.
const seeding = performance.now();
const baselineDir = await prepareBaseline();
const { dataDir: sqliteDir } = concordDataDir("scale-sqlite");
const onSqlite = await seedBusySpace();
const postgresUrl = await createPostgresDatabase();
await useDatabase(postgresUrl);
const onPostgres = await seedBusySpace();
const audience = await seedAudience();
await disconnectDb();
console.log(`seeded SQLite and PostgreSQL in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

const postgresDir = mkdtempSync(path.join(tmpdir(), "concord-bench-scale-pg-"));
removeAtExit(postgresDir);
const stops: Array<() => Promise<void>> = [];
try {
  const baseline = await startBaseline(baselineDir);
  stops.push(baseline.stop);
  const sqlite = await startConcord(sqliteDir);
  stops.push(sqlite.stop);
  const postgresOne = await (async (): Promise<ConcordServer> => {
    const { child, origin, exited, output } = await startConcordProcess(postgresDir, {
      DATABASE_URL: postgresUrl,
      LOG_LEVEL: "warn",
      DEMO_DATA: "false",
    });
    const kill = () => child.kill("SIGTERM");
    const forget = onExit(kill);
    stops.push(async () => {
      kill();
      await exited;
      forget();
    });
    return {
      name: "Concord on PostgreSQL",
      origin: origin.replace("localhost", "127.0.0.1"),
      publicOrigin: origin,
      output,
      pid: child.pid!,
      stop: async () => undefined,
    };
  })();
  const clusterOne = await startCluster(1, postgresUrl, postgresDir);
  stops.push(clusterOne.stop);
  const clusterTwo = await startCluster(2, postgresUrl, postgresDir);
  stops.push(clusterTwo.stop);

  const sqliteCookie = await signedInCookie(sqlite, onSqlite.focalPoint.email);
  const postgresCookie = await signedInCookie(postgresOne, onPostgres.focalPoint.email);
  const sqlitePage = `/spaces/${onSqlite.space.id}`;
  const postgresPage = `/spaces/${onPostgres.space.id}`;
  const connections = 50;
  const page = await interleave(
    {
      bareA: { server: baseline, path: "/", connections },
      sqlite: { server: sqlite, path: sqlitePage, connections, headers: { cookie: sqliteCookie } },
      postgres: { server: postgresOne, path: postgresPage, connections, headers: { cookie: postgresCookie } },
      bareB: { server: baseline, path: "/", connections },
      one: spread(clusterOne.servers, postgresPage, connections, postgresCookie),
      two: spread(clusterTwo.servers, postgresPage, connections, postgresCookie),
    },
    { seconds: runSeconds(5) },
  );
  printTable(
    `space page (200 organisations, 2,000 updates, 2,000 level changes, 1,000 concerns), ${connections} connections, vs the baseline's / (bare A before the one-process runs, bare B before the cluster runs)`,
    [
      figure("requests/s, SQLite, 1 process", (r) => r.perSecond, page.sqlite, page.bareA),
      figure("requests/s, PostgreSQL, 1 process", (r) => r.perSecond, page.postgres, page.bareA),
      figure(
        "requests/s, PostgreSQL + Redis, start:cluster 1 worker",
        (r) => r.perSecond,
        page.one,
        page.bareB,
      ),
      figure(
        "requests/s, PostgreSQL + Redis, start:cluster 2 workers",
        (r) => r.perSecond,
        page.two,
        page.bareB,
      ),
      figure("p99 ms, SQLite, 1 process", (r) => r.p99, page.sqlite, page.bareA),
      figure("p99 ms, PostgreSQL, 1 process", (r) => r.p99, page.postgres, page.bareA),
      figure("p99 ms, PostgreSQL + Redis, 1 worker", (r) => r.p99, page.one, page.bareB),
      figure("p99 ms, PostgreSQL + Redis, 2 workers", (r) => r.p99, page.two, page.bareB),
      figure("server CPU ms / request, SQLite", (r) => r.cpuMsPerRequest, page.sqlite, page.bareA),
      figure(
        "server CPU ms / request, PostgreSQL (Concord's process only)",
        (r) => r.cpuMsPerRequest,
        page.postgres,
        page.bareA,
      ),
      figure("server CPU ms / request, 2 workers (both)", (r) => r.cpuMsPerRequest, page.two, page.bareB),
    ],
  );
  const ratio = (a: { perSecond: number }[], b: { perSecond: number }[]) =>
    a.map((result, index) => result.perSecond / b[index]!.perSecond);
  printTable("space page requests/s, one configuration against another, round by round", [
    { measure: "2 workers / 1 worker (PostgreSQL + Redis)", concord: ratio(page.two, page.one) },
    { measure: "PostgreSQL / SQLite (1 process each)", concord: ratio(page.postgres, page.sqlite) },
  ]);

  // The single processes are done; the fan-out runs with the clusters and the baseline only.
  for (const stop of stops.splice(1, 2)) await stop();
  const convenerCookie = await signedInCookie(clusterOne.servers[0]!, audience.focalPoint.email);
  const live = { one: [] as Timings[], two: [] as Timings[], baseline: [] as Timings[] };
  for (let round = 0; round < rounds; round++) {
    live.baseline.push(await baselineFanOut(baseline));
    live.one.push(await fanOutRound(clusterOne.servers, audience.cookies, convenerCookie, audience.spaceId));
    live.two.push(await fanOutRound(clusterTwo.servers, audience.cookies, convenerCookie, audience.spaceId));
  }
  const at = (timings: Timings[], share: number) =>
    timings.map(({ latencies }) => (share === 1 ? latencies.at(-1)! : percentile(latencies, share)));
  const rows: Row[] = [];
  for (const [name, share] of [
    ["p50", 0.5],
    ["p99", 0.99],
    ["max", 1],
  ] as const) {
    rows.push({
      measure: `${name} ms, 1 worker`,
      concord: at(live.one, share),
      baseline: at(live.baseline, share),
      budget: name === "p99" ? "≤ 50 ms" : "",
    });
    rows.push({
      measure: `${name} ms, 2 workers (half the sockets each)`,
      concord: at(live.two, share),
      baseline: at(live.baseline, share),
      budget: name === "p99" ? "≤ 50 ms" : "",
    });
  }
  rows.push(
    {
      measure: "sockets that missed it, 1 worker",
      concord: live.one.map((t) => t.missing),
      baseline: live.baseline.map((t) => t.missing),
    },
    {
      measure: "sockets that missed it, 2 workers",
      concord: live.two.map((t) => t.missing),
      baseline: live.baseline.map((t) => t.missing),
    },
    {
      measure: "publishing request answered after ms, 1 worker",
      concord: live.one.map((t) => t.answeredMs!),
    },
    {
      measure: "publishing request answered after ms, 2 workers",
      concord: live.two.map((t) => t.answeredMs!),
    },
  );
  printTable(
    `live event: one update → ${fanOutSize.toLocaleString("en")} people's sockets on PostgreSQL + Redis (baseline: ${fanOutSize.toLocaleString("en")} pings → acks), all clients in this process`,
    rows,
  );
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  await disconnectDb();
  await dropPostgresDatabase();
  await removeRedisKeys().catch((error: unknown) =>
    console.error("could not remove the run's Redis keys:", error),
  );
}
