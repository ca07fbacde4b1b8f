import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export const projectRoot = path.resolve(import.meta.dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export type RunningConcord = {
  child: ChildProcess;
  output: () => string;
  origin: string;
  exited: Promise<number | null>;
};

/**
 * The arguments of the `node` that `npm start` runs (package.json), with the same Node options: the compiled
 * server, built first if the build is older than its sources.
 */
export const startCommand: string[] = (() => {
  const { scripts } = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as {
    scripts: { start: string };
  };
  const [command, ...args] = scripts.start.split(" ");
  if (command !== "node") throw new Error(`npm start runs ${command}, not node`);
  return args.map((arg) => (arg.endsWith(".mjs") ? path.join(projectRoot, arg) : arg));
})();

/** Starts Concord as its own process, the way `npm start` does, and waits until it serves. */
export async function startConcordProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<RunningConcord> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const child = spawn(process.execPath, startCommand, {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_ORIGIN: origin,
      DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, "concord.db")}`,
      LOG_LEVEL: "info",
      DEMO_DATA: "true",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  while (!output.includes("Concord is running")) {
    if (child.exitCode !== null) throw new Error(`Concord exited early:\n${output}`);
    if (Date.now() > deadline) {
      // Not left running after the caller gave up on it.
      child.kill("SIGTERM");
      throw new Error(`Concord did not start in 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, output: () => output, origin, exited };
}
