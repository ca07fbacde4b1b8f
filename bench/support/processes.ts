import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";

/** A server a benchmark started: where it answers, the process that serves (for /proc), how to stop it. */
export type Server = { name: string; origin: string; pid: number; stop: () => Promise<void> };

const clockTicksPerSecond = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time the process has used so far, user + system, all its threads (so also libuv's pool: gzip, argon2,
 * file reads), in milliseconds — fields 14 and 15 of /proc/<pid>/stat, in clock ticks (ADR 0015).
 */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond) * 1000;
}

/** Resident memory of a process in MB (10⁶ bytes, as the budgets): VmRSS now, or VmHWM, its peak so far. */
export function memoryMB(pid: number, field: "VmRSS" | "VmHWM" = "VmRSS"): number {
  const match = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`${field}:\\s+(\\d+) kB`));
  return match ? (Number(match[1]) * 1024) / 1e6 : NaN;
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return 0;
  }
}

function listeningSocketInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let lines: string[] = [];
    try {
      lines = readFileSync(table, "utf8").trim().split("\n").slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const columns = line.trim().split(/\s+/);
      // local_address is ADDRESS:PORT in hex; state 0A is LISTEN; column 10 is the socket's inode.
      if (columns[1]?.endsWith(`:${hexPort}`) && columns[3] === "0A" && columns[9]) inodes.add(columns[9]);
    }
  }
  return inodes;
}

/**
 * The process, among `ancestor` and its descendants, that listens on `port`: `npm start` runs the server two
 * processes down, and it is the server's CPU and memory that count.
 */
export function listenerPid(ancestor: number, port: number): number | null {
  const inodes = listeningSocketInodes(port);
  if (inodes.size === 0) return null;
  const pids = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
  const descends = (pid: number) => {
    for (let current = pid; current > 1; current = parentOf(current)) if (current === ancestor) return true;
    return false;
  };
  for (const pid of pids) {
    if (!descends(pid)) continue;
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (inodes.has(link.slice("socket:[".length, -1))) return pid;
      } catch {
        // closed meanwhile
      }
    }
  }
  return null;
}

const cleanups = new Set<() => void>();

/** Runs `cleanup` (synchronous: kill a child, remove a folder) when the benchmark ends, however it ends. */
export function onExit(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** Removes a temporary folder at the end of the run. */
export function removeAtExit(dir: string) {
  onExit(() => rmSync(dir, { recursive: true, force: true }));
}

function runCleanups() {
  for (const cleanup of [...cleanups].reverse()) {
    try {
      cleanup();
    } catch {
      // best effort: the process is ending
    }
  }
  cleanups.clear();
}

process.on("exit", runCleanups);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    runCleanups();
    process.exit(130);
  });
}

/**
 * Ends the benchmark, and every server it started, after `minutes` whatever happens: a benchmark must stop
 * by itself. Call once at the top of each benchmark.
 */
export function limitRunTime(minutes: number) {
  setTimeout(() => {
    console.error(`\nbenchmark stopped: it ran longer than ${minutes} minutes`);
    process.exit(2);
  }, minutes * 60_000).unref();
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
