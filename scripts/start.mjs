// `npm start`: builds when the build is missing or older than the sources, then serves Concord
// (migrations and first-start demo data happen in server/index.ts).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const buildFile = path.join(root, "build/index.js");

function newestSourceTime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const stale =
  !existsSync(buildFile) || statSync(buildFile).mtimeMs < newestSourceTime(path.join(root, "app"));
if (stale) run("npx", ["--no-install", "remix", "build"]);
run(process.execPath, ["--import", "tsx", path.join(root, "server/index.ts")]);
