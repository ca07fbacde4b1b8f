// Several Concord processes as one: two real processes (the compiled server, as `npm start` runs it) on the same
// PostgreSQL database and the same Redis, a person on each, checked live through socket.io. Runs in the suite's
// PostgreSQL + Redis run (CONCORD_TEST_DATABASE=postgres REDIS_URL=…, as .ci/run does).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import PgBoss from "pg-boss";
import { io as connectSocket, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PresenceJoined, PresenceLeft, ServerToClientEvents } from "~/realtime/contract";
import { db } from "~/utils/db.server";
import { addMember, createMember, createPerson } from "../prisma/factories/people";
import { createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";
import { jobSchema } from "../server/jobs";
import { createConsultation } from "./consultation-factories";
import { startConcordProcess, type RunningConcord } from "./support/process";
import { testsUsePostgres } from "./support/postgres";
import { Browserless } from "./support/server";

const sharedSetup = testsUsePostgres() && Boolean(process.env.REDIS_URL);
if (!sharedSetup) {
  const message = "The multi-process tests run with CONCORD_TEST_DATABASE=postgres and REDIS_URL set.";
  console.warn(`${message} Skipping them in this run.`);
}

describe.runIf(sharedSetup)("two Concord processes on one PostgreSQL and one Redis", () => {
  let a: RunningConcord;
  let b: RunningConcord;
  let dataDir: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "concord-cluster-"));
    const env = {
      DATABASE_URL: process.env.DATABASE_URL!,
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}_cluster`,
      SESSION_SECRET: "the-same-secret-on-every-process-of-this-test",
      DEMO_DATA: "false",
      LOG_LEVEL: "warn",
    };
    [a, b] = await Promise.all([startConcordProcess(dataDir, env), startConcordProcess(dataDir, env)]);
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const running of [a, b]) {
      if (running?.child.exitCode === null) running.child.kill("SIGTERM");
      await running?.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A socket.io client on `concord`, signed in with the cookies of `client`. */
  async function socketOn(concord: RunningConcord, client: Browserless) {
    const socket = connectSocket(concord.origin.replace("localhost", "127.0.0.1"), {
      transports: ["websocket"],
      extraHeaders: { cookie: client.cookieHeader(), origin: concord.origin },
      forceNew: true,
      reconnection: false,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
    });
    return socket;
  }

  /** A socket.io client on `concord`, signed in with the cookies of `client`, watching `spaceId`. */
  async function watchingSocket(concord: RunningConcord, client: Browserless, spaceId: string) {
    const socket = await socketOn(concord, client);
    expect(await socket.timeout(5_000).emitWithAck("space:watch", { spaceId })).toEqual({
      ok: true,
      data: { spaceId },
    });
    return socket;
  }

  /** The next "space:changed" of `spaceId` whose `what` is `what`, or a rejection after `ms`. */
  function nextChange(socket: Socket, spaceId: string, what: string, ms = 5_000) {
    return new Promise<Parameters<ServerToClientEvents["space:changed"]>[0]>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.off("space:changed", listener);
        reject(new Error(`no space:changed (${what}) within ${ms} ms`));
      }, ms);
      const listener = (payload: { spaceId: string; what: string }) => {
        if (payload.spaceId !== spaceId || payload.what !== what) return;
        clearTimeout(timer);
        socket.off("space:changed", listener);
        resolve(payload as Parameters<ServerToClientEvents["space:changed"]>[0]);
      };
      socket.on("space:changed", listener);
    });
  }

  it("carries changes made through one process to the sockets of the other, and moves them out of rooms", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const { organisation, admin } = await createParticipantOrganisation(space.id, "INVOLVE");
    // The participant is signed in on A, the convener on B; each process holds one of their sockets.
    const participantOnA = await Browserless.signedIn(a.origin, admin.email);
    const convenerOnB = await Browserless.signedIn(b.origin, focalPoint.email);
    const participantSocket = await watchingSocket(a, participantOnA, space.id);
    const convenerSocket = await watchingSocket(b, convenerOnB, space.id);

    // An update published through A reaches the convener's socket on B.
    const convenerOnA = await Browserless.signedIn(a.origin, focalPoint.email);
    const heardOnB = nextChange(convenerSocket, space.id, "update");
    const body = new FormData();
    for (const [name, value] of Object.entries({
      kind: "announcement",
      title: "From process A",
      body: "",
      linkUrl: "",
    }))
      body.append(name, value);
    const published = await fetch(new URL(`/spaces/${space.id}/updates`, a.origin), {
      method: "POST",
      redirect: "manual",
      body,
      headers: { Origin: a.origin, Cookie: convenerOnA.cookieHeader() },
    });
    expect(published.status).toBe(302);
    expect(await heardOnB).toEqual({ spaceId: space.id, what: "update" });

    // A downgrade through B reaches the participant's socket on A at once.
    const heardOnA = nextChange(participantSocket, space.id, "participation");
    const downgraded = await convenerOnB.post(`/spaces/${space.id}/participants`, {
      intent: "change-level",
      organisationId: organisation.id,
      level: "INFORM",
      rationale: "Moved to Inform through process B.",
    });
    expect(downgraded.status).toBe(302);
    await heardOnA;

    // Taking the organisation out through B removes A's socket from the space's room: the next update misses it.
    const removedOnA = nextChange(participantSocket, space.id, "participation");
    const removed = await convenerOnB.post(`/spaces/${space.id}/participants`, {
      intent: "remove",
      organisationId: organisation.id,
      rationale: "Removed through process B.",
    });
    expect(removed.status).toBe(302);
    await removedOnA;
    const missed = nextChange(participantSocket, space.id, "update", 1_500);
    const convenerHears = nextChange(convenerSocket, space.id, "update");
    const again = new FormData();
    for (const [name, value] of Object.entries({
      kind: "announcement",
      title: "After removal",
      body: "",
      linkUrl: "",
    }))
      again.append(name, value);
    const second = await fetch(new URL(`/spaces/${space.id}/updates`, b.origin), {
      method: "POST",
      redirect: "manual",
      body: again,
      headers: { Origin: b.origin, Cookie: convenerOnB.cookieHeader() },
    });
    expect(second.status).toBe(302);
    await convenerHears;
    await expect(missed).rejects.toThrow(/no space:changed/);
    expect(await participantSocket.timeout(5_000).emitWithAck("space:watch", { spaceId: space.id })).toEqual({
      ok: false,
      error: "not-found",
    });
  });

  it("announces a person with a tab on each process once: joined from the first tab, left after the last", async () => {
    const { organisation, person } = await createMember();
    const colleague = (await createMember()).person;
    await addMember(colleague.id, organisation.id);
    const colleagueSocket = await socketOn(a, await Browserless.signedIn(a.origin, colleague.email));
    const heard: unknown[][] = [];
    colleagueSocket.onAny((event: string, payload: unknown) => heard.push([event, payload]));
    const joined: PresenceJoined = {
      organisationId: organisation.id,
      person: { personId: person.id, name: person.name },
    };
    const left: PresenceLeft = { organisationId: organisation.id, personId: person.id };

    const tabOnA = await socketOn(a, await Browserless.signedIn(a.origin, person.email));
    await expect.poll(() => heard).toEqual([["presence:joined", joined]]);
    // The second tab, on the other process, changes nobody's list; nor does closing the first.
    const tabOnB = await socketOn(b, await Browserless.signedIn(b.origin, person.email));
    const list = await tabOnB
      .timeout(5_000)
      .emitWithAck("presence:list", { organisationId: organisation.id });
    expect(list.ok && list.data.online.map((online: { personId: string }) => online.personId).sort()).toEqual(
      [person.id, colleague.id].sort(),
    );
    tabOnA.disconnect();
    // Quiet for a while (no event is the point here), then the last tab closes and the leave arrives.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(heard).toEqual([["presence:joined", joined]]);
    tabOnB.disconnect();
    await expect
      .poll(() => heard)
      .toEqual([
        ["presence:joined", joined],
        ["presence:left", left],
      ]);
  });

  it("counts sign-in failures made against both processes together", async () => {
    const person = await createPerson();
    // One person at one address (the processes trust X-Forwarded-For, as behind a proxy), on either process.
    const address = { "X-Forwarded-For": "2001:db8::5" };
    const onA = new Browserless(a.origin, address);
    const onB = new Browserless(b.origin, address);
    // 5 failures per account and address in 15 minutes (ADR 0008): 3 on A and 2 on B use them all up.
    for (const [client, attempt] of [onA, onA, onA, onB, onB].map(
      (client, index) => [client, index] as const,
    )) {
      const html = await (
        await client.post("/login", { email: person.email, password: `wrong ${attempt}` })
      ).text();
      expect(html).not.toContain("Too many failed attempts");
    }
    for (const client of [onA, onB]) {
      const html = await (
        await client.post("/login", { email: person.email, password: "wrong again" })
      ).text();
      expect(html).toContain("Too many failed attempts");
    }
  });

  it("runs a reminder due once only once, whichever process takes its jobs", async () => {
    const { space, convener, focalPoint } = await createConvenedSpace();
    const colleague = await createPerson();
    await addMember(colleague.id, convener.id);
    await createParticipantOrganisation(space.id, "CONSULT");
    const day = 24 * 60 * 60 * 1000;
    const closedAt = new Date(Date.now() - 5 * day);
    const consultation = await createConsultation(space.id, focalPoint.id, {
      status: "closed",
      closesAt: closedAt,
      closedAt,
      feedbackDueAt: new Date(Date.now() - day),
    });
    // Four jobs at once on the processes' queue (as cron ticks, retries and start-up runs could give): A and B
    // both take from it, and the reminder still reaches each convener member once.
    const boss = new PgBoss({
      connectionString: process.env.DATABASE_URL!,
      schema: jobSchema,
      supervise: false,
      schedule: false,
    });
    await boss.start();
    try {
      const name = "consultations.remind-feedback-due";
      const ids = await Promise.all([1, 2, 3, 4].map(() => boss.send(name, {})));
      const deadline = Date.now() + 60_000;
      for (const id of ids) {
        expect(id).toBeTruthy();
        for (;;) {
          const job = await boss.getJobById(name, id!);
          if (job?.state === "completed") break;
          expect(job?.state).not.toBe("failed");
          if (Date.now() > deadline) throw new Error(`job ${id} still ${job?.state} after a minute`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    } finally {
      await boss.stop({ graceful: false, close: true });
    }
    const notifications = await db().notification.findMany({
      where: { link: `/consultations/${consultation.id}/review` },
      select: { personId: true, message: true },
    });
    expect(notifications.map((row) => `${row.personId} ${row.message}`).sort()).toEqual(
      [focalPoint.id, colleague.id].map((id) => `${id} notifications.messages.feedbackOverdue`).sort(),
    );
  });

  it("stops both processes cleanly on SIGTERM, their job queues with them", async () => {
    for (const running of [a, b]) running.child.kill("SIGTERM");
    expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
    for (const running of [a, b]) expect(running.output()).not.toMatch(/could not stop the job queue/);
  });
});
