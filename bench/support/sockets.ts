import { io as connectSocket, type Socket } from "socket.io-client";
import type { ConcordServer } from "./concord";
import { browserHeaders } from "./load";
import { sleep } from "./processes";

/** socket.io clients for the live-event benchmarks (bench/realtime.ts, bench/scale.ts). */

export function connect(url: string, extraHeaders: Record<string, string> = {}): Promise<Socket> {
  const socket = connectSocket(url, {
    transports: ["websocket"],
    extraHeaders,
    forceNew: true,
    reconnection: false,
    timeout: 30_000,
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Opens sockets until there are `count`, fifty handshakes at a time. */
export async function connectUpTo(
  sockets: Socket[],
  count: number,
  open: (index: number) => Promise<Socket>,
) {
  while (sockets.length < count) {
    const batch = Array.from({ length: Math.min(50, count - sockets.length) }, (_, offset) =>
      open(sockets.length + offset),
    );
    sockets.push(...(await Promise.all(batch)));
  }
}

export type Timings = { latencies: number[]; missing: number; answeredMs?: number };

/** Waits until every socket has had `event` once, or 10 s; the times are from `started`. */
export function receipts(
  sockets: Socket[],
  event: string,
  started: () => number,
): { done: Promise<Timings> } {
  const latencies: number[] = [];
  let finish: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (finish = resolve));
  const listener = () => {
    latencies.push(performance.now() - started());
    if (latencies.length === sockets.length) finish();
  };
  for (const socket of sockets) socket.once(event, listener);
  const done = Promise.race([all, sleep(10_000)]).then(() => {
    for (const socket of sockets) socket.off(event, listener);
    return { latencies: latencies.sort((a, b) => a - b), missing: sockets.length - latencies.length };
  });
  return { done };
}

/** Publishes an update in the space and times its notification to each of the sockets. */
export async function fanOut(concord: ConcordServer, cookie: string, spaceId: string, sockets: Socket[]) {
  let sent = 0;
  const { done } = receipts(sockets, "notification:new", () => sent);
  sent = performance.now();
  const response = await fetch(`${concord.publicOrigin}/spaces/${spaceId}/updates`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({
      kind: "announcement",
      title: "Live update",
      body: "Everyone is told at once.",
    }),
    headers: {
      ...browserHeaders,
      origin: concord.publicOrigin,
      "content-type": "application/x-www-form-urlencoded",
      cookie,
    },
    signal: AbortSignal.timeout(30_000),
  });
  await response.arrayBuffer();
  const answeredMs = performance.now() - sent;
  if (response.status !== 302)
    throw new Error(`publishing an update answered ${response.status}:\n${concord.output()}`);
  return { ...(await done), answeredMs };
}

/** Every socket sends `ping` at once; each is timed to its acknowledgement. */
export async function pingAll(sockets: Socket[]): Promise<Timings> {
  const started = performance.now();
  const latencies: number[] = [];
  const answers = await Promise.allSettled(
    sockets.map((socket) =>
      socket
        .timeout(10_000)
        .emitWithAck("ping", "bench")
        .then(() => latencies.push(performance.now() - started)),
    ),
  );
  return {
    latencies: latencies.sort((a, b) => a - b),
    missing: answers.filter((answer) => answer.status === "rejected").length,
  };
}
