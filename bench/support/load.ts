import autocannon from "autocannon";
import { cpuMs, memoryMB, sleep, type Server } from "./processes";

/** What a browser sends with a page request; both servers get exactly these. */
export const browserHeaders = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
  "accept-encoding": "gzip",
  "accept-language": "en-GB,en;q=0.9",
  "user-agent":
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
};

/** Seconds each measured run lasts: BENCH_SECONDS, or the benchmark's own default. */
export const runSeconds = (fallback: number) => Number(process.env.BENCH_SECONDS ?? fallback);

/** Rounds of every comparison: BENCH_ROUNDS, 3 by default. */
export const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

export type Target = {
  server: Server;
  path: string;
  connections: number;
  /** Added to the browser headers, e.g. a session cookie. */
  headers?: Record<string, string>;
};

/** One page read with the browser headers, start to last byte, in ms (a slow first read may take minutes). */
export async function readOnce(server: Server, path: string, cookie = ""): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${server.origin}${path}`, {
    headers: { ...browserHeaders, cookie },
    signal: AbortSignal.timeout(5 * 60_000),
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${server.name} ${path} answered ${response.status}`);
  return performance.now() - started;
}

export type LoadResult = {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** The server process's CPU time (user + system) during the run, divided by the requests answered. */
  cpuMsPerRequest: number;
  /** The server's resident memory at the end of the run. */
  rssMB: number;
};

/** The value below which `share` of the sorted values lie (nearest rank). */
export function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!;
}

/** What one autocannon run measured, before it is summed up: every latency, the time it took, the CPU used. */
type Measured = { latencies: number[]; seconds: number; cpu: number; rssMB: number };

/** One autocannon run: for `duration` seconds, or until `amount` requests have been answered. */
function measure(target: Target, until: { duration: number } | { amount: number }): Promise<Measured> {
  const { server } = target;
  const latencies: number[] = [];
  const cpuBefore = cpuMs(server.pid);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${server.origin}${target.path}`,
        connections: target.connections,
        ...until,
        headers: { ...browserHeaders, ...target.headers },
        timeout: 120,
      },
      (error, result) => {
        if (error) return reject(error);
        const cpu = cpuMs(server.pid) - cpuBefore;
        const seconds = (performance.now() - started) / 1000;
        if (result.non2xx > 0 || result.errors > 0)
          return reject(
            new Error(
              `${server.name} ${target.path}: ${latencies.length} answers, ${result.non2xx} not 2xx, ${result.errors} errors`,
            ),
          );
        resolve({ latencies, seconds, cpu, rssMB: memoryMB(server.pid) });
      },
    );
    instance.on("response", (_client, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

/**
 * Runs measured together (one per process of a server of several) as one result: their requests/s add up,
 * their latencies are pooled for the percentiles, CPU is the processes' together per request, memory their sum.
 */
function summarise(runs: Measured[]): LoadResult {
  const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const cpu = runs.reduce((sum, run) => sum + run.cpu, 0);
  return {
    requests: latencies.length,
    perSecond: runs.reduce((sum, run) => sum + run.latencies.length / run.seconds, 0),
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? NaN,
    cpuMsPerRequest: cpu / latencies.length,
    rssMB: runs.reduce((sum, run) => sum + run.rssMB, 0),
  };
}

async function cannon(target: Target, until: { duration: number } | { amount: number }): Promise<LoadResult> {
  return summarise([await measure(target, until)]);
}

/**
 * Loads one page for `seconds` with autocannon. Latencies are kept one by one (autocannon's own summary has
 * no p95). A page so slow that fewer than two answers per connection came back (autocannon drops the
 * requests still running when time is up) is measured again over that many requests, however long they take,
 * so that it still gets a figure. Anything but a 2xx answer means the benchmark is measuring the wrong page:
 * it stops.
 */
export async function load(target: Target | Target[], seconds: number): Promise<LoadResult> {
  if (Array.isArray(target)) return loadAcross(target, seconds);
  const minimum = target.connections * 2;
  const timed = await cannon(target, { duration: seconds });
  return timed.requests >= minimum ? timed : cannon(target, { amount: minimum });
}

/**
 * Loads several processes of one server at once (e.g. the workers of `npm run start:cluster`, each on its own
 * port, as a sticky-session proxy would spread people over them), each target with its own connections, for
 * `seconds`; the result is theirs together.
 */
export async function loadAcross(targets: Target[], seconds: number): Promise<LoadResult> {
  return summarise(await Promise.all(targets.map((target) => measure(target, { duration: seconds }))));
}

/**
 * Runs every target once per round, in the order given — the benchmarks list them baseline, Concord,
 * baseline, Concord … — after one short untimed run of each to warm it up, with the same client settings for
 * both servers. Returns each target's results, one per round, by its key.
 */
export async function interleave<K extends string>(
  targets: Record<K, Target | Target[]>,
  options: { seconds: number; rounds?: number; warmSeconds?: number },
): Promise<Record<K, LoadResult[]>> {
  const keys = Object.keys(targets) as K[];
  for (const key of keys) {
    const target = targets[key];
    const warmSeconds = options.warmSeconds ?? 1;
    await (Array.isArray(target)
      ? loadAcross(target, warmSeconds)
      : cannon(target, { duration: warmSeconds }));
  }
  const results = Object.fromEntries(keys.map((key) => [key, [] as LoadResult[]])) as Record<K, LoadResult[]>;
  for (let round = 0; round < (options.rounds ?? rounds); round++) {
    for (const key of keys) {
      await sleep(200);
      results[key].push(await load(targets[key], options.seconds));
    }
  }
  return results;
}
