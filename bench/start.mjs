// npm run bench:start — how long from launching the server (as `npm start` does after install) until it
// answers /healthz: once on an empty data folder (migrations + demo data) and then warm, five times each.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const runs = Number(process.env.RUNS ?? 5);

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function timeToServe(dataDir) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ["--max-semi-space-size=4", path.join(root, "scripts/start.mjs")], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_ORIGIN: `http://localhost:${port}`,
      DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, "concord.db")}`,
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
  });
  try {
    for (let attempt = 0; attempt < 600; attempt++) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (response.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error("server did not answer within 15 s");
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.on("exit", resolve));
  }
}

const summary = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted.at(-1).toFixed(0)} ms`;
};

const cold = [];
const warm = [];
for (let run = 0; run < runs; run++) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "concord-bench-start-"));
  cold.push(await timeToServe(dataDir));
  warm.push(await timeToServe(dataDir));
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(`start to serving, empty database (migrate + demo data): ${summary(cold)}`);
console.log(`start to serving, existing database:                    ${summary(warm)}`);
