// Redis going away under a running Concord: a Redis this test starts itself, on a port of its own, is stopped
// and started again while a Concord process (server/index.ts) uses it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { io as connectSocket, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPerson } from "../prisma/factories/people";
import { createConvenedSpace } from "../prisma/factories/spaces";
import { freePort, startConcordProcess, type RunningConcord } from "./support/process";
import { Browserless } from "./support/server";

const redisServerFound = spawnSync("redis-server", ["--version"]).status === 0;
if (!redisServerFound) {
  const message = "The Redis outage test needs redis-server on PATH (apt-get install redis-server).";
  if (process.env.CI) throw new Error(message);
  console.warn(`${message} Skipping it.`);
}

async function until(check: () => Promise<boolean>, what: string, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.runIf(redisServerFound)("Redis going away while Concord runs", () => {
  let port: number;
  let redis: ChildProcess | undefined;
  let concord: RunningConcord;
  let dataDir: string;
  let socket: Socket;

  const startRedis = async () => {
    redis = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      {
        stdio: "ignore",
      },
    );
    await until(
      async () =>
        spawnSync("redis-cli", ["-p", String(port), "ping"])
          .stdout?.toString()
          .trim() === "PONG",
      "Redis starts",
    );
  };
  const stopRedis = async () => {
    const exited = new Promise((resolve) => redis?.once("exit", resolve));
    redis?.kill("SIGKILL");
    await exited;
    redis = undefined;
  };
  const health = async () =>
    (await fetch(new URL("/healthz", concord.origin))).json() as Promise<Record<string, unknown>>;

  beforeAll(async () => {
    port = await freePort();
    await startRedis();
    dataDir = mkdtempSync(path.join(tmpdir(), "concord-redis-outage-"));
    concord = await startConcordProcess(dataDir, {
      DATABASE_URL: process.env.DATABASE_URL!,
      REDIS_URL: `redis://127.0.0.1:${port}`,
      REDIS_PREFIX: "outage",
      DEMO_DATA: "false",
      LOG_LEVEL: "info",
    });
  }, 60_000);

  afterAll(async () => {
    socket?.disconnect();
    concord?.child.kill("SIGTERM");
    await concord?.exited;
    await stopRedis();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps serving, limits sign-in per process with a warning, keeps sockets, and recovers when Redis returns", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const convener = await Browserless.signedIn(concord.origin, focalPoint.email);
    socket = connectSocket(concord.origin.replace("localhost", "127.0.0.1"), {
      transports: ["websocket"],
      extraHeaders: { cookie: convener.cookieHeader(), origin: concord.origin },
      forceNew: true,
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
    });
    expect(await socket.timeout(5_000).emitWithAck("space:watch", { spaceId: space.id })).toMatchObject({
      ok: true,
    });
    let disconnected = false;
    socket.on("disconnect", () => (disconnected = true));
    expect(await health()).toEqual({ status: "ok", database: true, redis: true });

    await stopRedis();
    await until(async () => concord.output().includes("Redis is unreachable"), "the warning is logged");
    expect(await health()).toEqual({ status: "degraded", database: true, redis: false });

    // Pages and sign-in are served; failures are still limited, now in this process.
    expect((await fetch(new URL("/login", concord.origin))).status).toBe(200);
    const person = await createPerson();
    const guesser = new Browserless(concord.origin);
    for (let attempt = 0; attempt < 5; attempt++)
      await guesser.post("/login", { email: person.email, password: `wrong ${attempt}` });
    expect(await (await guesser.post("/login", { email: person.email, password: "wrong" })).text()).toContain(
      "Too many failed attempts",
    );
    expect(
      (await Browserless.signedIn(concord.origin, (await createPerson()).email)).cookieHeader(),
    ).toContain("=");

    // The socket stays connected to its process, and that process's own changes still reach it live.
    const live = new Promise((resolve) => socket.once("space:changed", resolve));
    const body = new FormData();
    for (const [name, value] of Object.entries({
      kind: "announcement",
      title: "While Redis is away",
      body: "",
      linkUrl: "",
    }))
      body.append(name, value);
    const published = await fetch(new URL(`/spaces/${space.id}/updates`, concord.origin), {
      method: "POST",
      redirect: "manual",
      body,
      headers: { Origin: concord.origin, Cookie: convener.cookieHeader() },
    });
    expect(published.status).toBe(302);
    expect(await live).toEqual({ spaceId: space.id, what: "update" });

    await startRedis();
    await until(async () => (await health()).redis === true, "Concord reconnects to Redis");
    expect(concord.output()).toContain("Redis is reachable again");
    expect(await health()).toEqual({ status: "ok", database: true, redis: true });
    // Limits are counted in Redis again.
    await new Browserless(concord.origin).post("/login", {
      email: person.email,
      password: "after the return",
    });
    const keys = spawnSync("redis-cli", [
      "-p",
      String(port),
      "--scan",
      "--pattern",
      "outage:limit:*",
    ]).stdout.toString();
    expect(keys).toContain(person.email);
    expect(socket.connected).toBe(true);
    expect(disconnected).toBe(false);
  });
});
