// npm run start:cluster [-- <workers>]
// Several Concord processes on one machine, for a real deployment behind a reverse proxy with sticky sessions
// (deploy/nginx.conf; socket.io's long-polling needs every request of a connection to reach the same process).
// Each worker is the compiled server (build/server.js, from server/index.ts) on its own port, from PORT
// (default 3001) up; they share DATABASE_URL (PostgreSQL) and REDIS_URL. The first worker migrates and loads
// the demo data before the others start; a worker that dies is started again. SIGTERM or SIGINT stops them
// all gracefully (docs/decisions/0017).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const count = Number(process.argv[2] ?? process.env.CONCORD_WORKERS ?? 2);
const firstPort = Number(process.env.PORT ?? 3001);

function refuse(message) {
  process.stderr.write(`start:cluster: ${message}\n`);
  process.exit(1);
}
if (!Number.isInteger(count) || count < 1 || count > 64) refuse("give a number of workers from 1 to 64");
if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? ""))
  refuse("DATABASE_URL must name a PostgreSQL database (postgresql://…): the workers share it");
if (!/^rediss?:\/\//.test(process.env.REDIS_URL ?? ""))
  refuse("REDIS_URL must name a Redis (redis://…): the workers share rooms, limits and presence through it");
if (!process.env.SESSION_SECRET) refuse("SESSION_SECRET must be set: every worker signs cookies with it");
if (!existsSync(path.join(root, "build/index.js")) || !existsSync(path.join(root, "build/server.js")))
  refuse("no build found: run `npm run build` first");

const workers = new Map();
let stopping = false;

function start(index) {
  const port = firstPort + index;
  const child = spawn(process.execPath, ["--max-semi-space-size=4", path.join(root, "build/server.js")], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      TRUST_PROXY: process.env.TRUST_PROXY ?? "true",
      // One worker loads the demo data into an empty database; the others must not do it at the same time.
      DEMO_DATA: index === 0 ? (process.env.DEMO_DATA ?? "true") : "false",
    },
  });
  workers.set(index, child);
  const serving = new Promise((resolve) => {
    child.stdout.on("data", (chunk) => {
      const text = chunk.toString();
      if (index === 0 || !text.includes("Concord is running")) process.stdout.write(text);
      if (text.includes("Concord is running")) resolve();
    });
  });
  child.on("exit", (code, signal) => {
    workers.delete(index);
    if (stopping) {
      if (workers.size === 0) process.exit(0);
      return;
    }
    process.stderr.write(
      `start:cluster: worker on port ${port} ended (${signal ?? code}); starting it again\n`,
    );
    setTimeout(() => start(index), 1000);
  });
  return serving;
}

function stop(signal) {
  if (stopping) return;
  stopping = true;
  for (const child of workers.values()) child.kill(signal);
  setTimeout(() => process.exit(1), 15_000).unref();
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));

await start(0);
await Promise.all(Array.from({ length: count - 1 }, (_, index) => start(index + 1)));
const ports = Array.from({ length: count }, (_, index) => firstPort + index);
process.stdout.write(
  `${count} Concord workers on ports ${ports.join(", ")}; put the reverse proxy of deploy/nginx.conf in front.\n`,
);
