import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { io as connectSocket, type Socket } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../prisma/seed";
import { startConcordProcess, type RunningConcord } from "./support/process";
import { Browserless } from "./support/server";
import { connected } from "./support/sockets";

/*
 * A server killed with SIGKILL in the middle of a burst of sends loses no message it acknowledged, and the
 * sends it never acknowledged, retried with their keys once it is back, each make exactly one message.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), "concord-channel-crash-"));
let concord: RunningConcord | undefined;
const opened: Socket[] = [];

afterAll(async () => {
  for (const socket of opened) socket.disconnect();
  if (concord && concord.child.exitCode === null) {
    concord.child.kill("SIGTERM");
    await concord.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

function readDatabase<T>(read: (database: Database.Database) => T): T {
  const database = new Database(path.join(dataDir, "concord.db"), { readonly: true });
  try {
    return read(database);
  } finally {
    database.close();
  }
}

async function socketsOf(origin: string, count: number) {
  const account = demoAccounts.find((candidate) => candidate.role === "CSO representative")!;
  const client = new Browserless(origin);
  await client.signIn(account.email, account.password);
  const sockets: Socket[] = [];
  for (let index = 0; index < count; index += 1) {
    const socket = connectSocket(origin.replace("localhost", "127.0.0.1"), {
      transports: ["websocket"],
      extraHeaders: { cookie: client.cookieHeader(), origin },
      forceNew: true,
      reconnection: false,
    });
    opened.push(socket);
    sockets.push(await connected(socket));
  }
  return sockets;
}

describe("a server killed during a burst of sends", () => {
  it("keeps every acknowledged message, and a retry of the others makes each exactly once", async () => {
    concord = await startConcordProcess(dataDir);
    const channelId = readDatabase(
      (database) =>
        (
          database
            .prepare(
              `SELECT c.id FROM "Channel" c JOIN "Space" s ON s.id = c."spaceId" WHERE s.title = 'Ottawa Local Immigration Partnership' AND c.key = 'general'`,
            )
            .get() as { id: string }
        ).id,
    );
    const before = readDatabase(
      (database) => (database.prepare(`SELECT count(*) AS n FROM "ChannelMessage"`).get() as { n: number }).n,
    );
    const sockets = await socketsOf(concord.origin, 5);
    const keys = Array.from({ length: 75 }, (_, index) => `crash-key-${String(index).padStart(4, "0")}`);
    const acknowledged = new Map<string, string>();
    let killed = false;
    const sends = keys.map(async (clientKey, index) => {
      const socket = sockets[index % sockets.length]!;
      // Spread over time, so the kill lands in the middle of the burst (and under the per-socket limit).
      await new Promise((resolve) => setTimeout(resolve, Math.floor(index / sockets.length) * 60));
      const answer = (await socket
        .timeout(5_000)
        .emitWithAck("channel:send", { channelId, clientKey, body: `Burst ${index}` })
        .catch(() => null)) as { ok: boolean; data?: { message: { id: string } } } | null;
      if (answer?.ok && answer.data) acknowledged.set(clientKey, answer.data.message.id);
      if (acknowledged.size >= 25 && !killed) {
        killed = true;
        concord!.child.kill("SIGKILL");
      }
    });
    await Promise.all(sends);
    await concord.exited;
    expect(killed).toBe(true);
    expect(acknowledged.size).toBeGreaterThanOrEqual(25);
    expect(acknowledged.size).toBeLessThan(keys.length);

    // Back up on the same data: every acknowledged message is there.
    concord = await startConcordProcess(dataDir);
    const stored = () =>
      readDatabase(
        (database) =>
          database
            .prepare(`SELECT id, "clientKey", seq FROM "ChannelMessage" WHERE "channelId" = ?`)
            .all(channelId) as { id: string; clientKey: string; seq: number }[],
      );
    const afterCrash = new Map(stored().map((row) => [row.clientKey, row.id]));
    for (const [clientKey, id] of acknowledged) expect(afterCrash.get(clientKey)).toBe(id);

    // The page retries what it never had acknowledged, with the same keys: one message each, none twice.
    const [retrier] = await socketsOf(concord.origin, 1);
    for (const clientKey of keys.filter((key) => !acknowledged.has(key))) {
      const answer = (await retrier!
        .timeout(5_000)
        .emitWithAck("channel:send", { channelId, clientKey, body: `Burst retried` })) as { ok: boolean };
      expect(answer.ok).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    const final = stored();
    expect(final.filter((row) => row.clientKey.startsWith("crash-key-"))).toHaveLength(keys.length);
    const numbers = final.map((row) => row.seq).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, index) => index + 1));
    expect(
      readDatabase(
        (database) =>
          (database.prepare(`SELECT count(*) AS n FROM "ChannelMessage"`).get() as { n: number }).n,
      ),
    ).toBe(before + keys.length);
  });
});
