// `npm start`: builds when a build is missing or older than its sources, then serves Concord from the compiled
// server, build/server.js, in this same process: plain JavaScript, no TypeScript loader (scripts/build-server.mjs).
// `npm run dev` (--dev) runs server/index.ts from source through tsx instead, so that edits to server/ need no
// build. Migrations and first-start demo data happen in server/index.ts.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const remixBuild = path.join(root, "build/index.js");
const serverBuild = path.join(root, "build/server.js");
const dev = process.argv.includes("--dev");

function newestSourceTime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function builtBefore(file, sourceDirs) {
  if (!existsSync(file)) return true;
  const built = statSync(file).mtimeMs;
  return sourceDirs.some((dir) => built < newestSourceTime(path.join(root, dir)));
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (builtBefore(remixBuild, ["app"])) run("npx", ["--no-install", "remix", "build"]);
if (dev) {
  run(process.execPath, ["--import", "tsx", path.join(root, "server/index.ts")]);
} else {
  // The server compiles app modules in too (the session, the database client, the demo data).
  if (builtBefore(serverBuild, ["app", "server", "prisma"]))
    run(process.execPath, [path.join(root, "scripts/build-server.mjs")]);
  await import(pathToFileURL(serverBuild).href);
}
