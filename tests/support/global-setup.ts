import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Builds the Remix app once for the servers the tests start, and gives the run its own data folder. */
export default function setup() {
  const root = path.resolve(import.meta.dirname, "../..");
  execFileSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: root,
    stdio: "pipe",
    env: { ...process.env, NODE_ENV: "production" },
  });
  const runDir = mkdtempSync(path.join(tmpdir(), "concord-test-"));
  process.env.CONCORD_TEST_RUN_DIR = runDir;
  return () => rmSync(runDir, { recursive: true, force: true });
}
