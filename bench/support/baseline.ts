import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort, projectRoot } from "../../tests/support/process";
import { listenerPid, onExit, sleep, type Server } from "./processes";

/**
 * The bare Remix app every budget is a ratio to (../shared/baseline-remix/README.md). CI puts the repository
 * next to `shared/`, so it is `../shared/baseline-remix` from the repository root; a git worktree sits
 * deeper, so the nearest such folder up from the root is taken. BASELINE_REMIX_DIR overrides.
 */
export function baselineSource(): string {
  if (process.env.BASELINE_REMIX_DIR) return path.resolve(process.env.BASELINE_REMIX_DIR);
  for (let dir = path.dirname(projectRoot); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "shared", "baseline-remix");
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    if (path.dirname(dir) === dir)
      throw new Error("../shared/baseline-remix not found: set BASELINE_REMIX_DIR to its folder");
  }
}

const skipped = new Set(["node_modules", "build", ".cache"]);
const isSource = (file: string) =>
  !skipped.has(path.basename(file)) && !file.includes(`public${path.sep}build`);

function sourceFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (!isSource(file)) return [];
    return entry.isDirectory() ? sourceFiles(file, base) : [path.relative(base, file)];
  });
}

/** The source is read-only; the copy must be writable for npm and the build. */
function makeWritable(dir: string) {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) makeWritable(file);
    else chmodSync(file, statSync(file).mode | 0o200);
  }
}

const run = promisify(execFile);

/**
 * A built copy of the baseline under the OS temp folder, made once per version of it (a hash of its
 * package-lock and sources): copy, `npm install`, `npm run build`, then moved into place whole, so an
 * interrupted preparation is never mistaken for a finished one.
 */
export async function prepareBaseline(): Promise<string> {
  const source = baselineSource();
  const hash = createHash("sha256");
  for (const file of sourceFiles(source).sort())
    hash.update(file).update(readFileSync(path.join(source, file)));
  const prepared = path.join(tmpdir(), `concord-baseline-remix-${hash.digest("hex").slice(0, 16)}`);
  if (existsSync(path.join(prepared, "build", "index.js"))) return prepared;

  console.log(`preparing the baseline once (npm install and build of ${source}) …`);
  const staging = mkdtempSync(path.join(tmpdir(), "concord-baseline-staging-"));
  const removeStaging = onExit(() => rmSync(staging, { recursive: true, force: true }));
  cpSync(source, staging, { recursive: true, filter: isSource });
  makeWritable(staging);
  const options = { cwd: staging, timeout: 10 * 60_000, maxBuffer: 64 * 1024 * 1024 };
  try {
    await run("npm", ["install", "--no-audit", "--no-fund"], options);
    await run("npm", ["run", "build"], options);
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`preparing the baseline failed:\n${stdout}\n${stderr}`);
  }
  writeFileSync(path.join(staging, ".prepared-from"), `${source}\n`);
  try {
    renameSync(staging, prepared);
  } catch {
    // Another run prepared it meanwhile: use theirs.
    rmSync(staging, { recursive: true, force: true });
  }
  removeStaging();
  return prepared;
}

/** Starts the prepared baseline with `PORT=<free port> npm start` and waits until `/` answers. */
export async function startBaseline(dir: string): Promise<Server> {
  const port = await freePort();
  const child = spawn("npm", ["start"], {
    cwd: dir,
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so that stopping it stops npm, its shell and the server together.
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const kill = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  };
  const forget = onExit(kill);
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the baseline exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the baseline did not start in 30 s:\n${output}`);
    const response = await fetch(origin, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
    if (response?.ok) break;
    await sleep(100);
  }
  const pid = listenerPid(child.pid!, port);
  if (!pid) throw new Error("no process of the baseline listens on its port");
  return {
    name: "baseline",
    origin,
    pid,
    stop: async () => {
      kill();
      await exited;
      forget();
    },
  };
}
