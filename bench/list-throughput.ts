/**
 * Issue 3 figures, written to bench/results/list-throughput.json: pages of 50 customers served per second
 * at 100 connections by
 *  - the baseline (bench/baseline-server.ts: Fastify + pg, the same page query, nothing else),
 *  - the tenant service's internal API alone (GET /tenants and GET /overview with the x-caller-* headers
 *    the gateway sets),
 *  - the public API through the gateway (GET /v1/tenants?limit=50, GET /v1/overview?limit=50, with a token),
 * in rounds that alternate the targets (the median of the rounds is kept, ratios are to the baseline of the
 * same run); then the latency of both gateway routes at a steady 200 requests/s: autocannon's
 * `overallRate` (each of its 10 connections sends its share at the start of every second) and an evenly
 * paced open loop (one request every 5 ms whatever the answers, latency counted from the planned start).
 *
 * The load generator runs in its own process (this script run with `--load`, autocannon's programmatic
 * API, so that p95 is exact rather than autocannon's p90/p97.5). Needs the partner of seed-customers.
 * Starts its own stack and system (bench/bench-system.ts) with a rate limit far above its load, stops them after.
 * Usage: npm run build && node dist/bench/list-throughput.js [rounds=3] [seconds=10]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEVELOPMENT_JWT_SECRET, internalHeadersFromEnv, signDevToken, type Caller } from '@pac/auth';
import { developmentDatabasePassword } from '@pac/launcher';
import { serviceDatabaseUrl } from '@pac/persistence';
import { Client } from 'pg';
import { Pool } from 'undici';
import { cpuMs } from './process-cpu';
import { processTree } from './process-memory';
import {
  BENCH_PARTNER_NAME,
  load,
  machine,
  percentile,
  repoRoot,
  round,
  startBenchSystem,
  UNTHROTTLED,
} from './bench-system';

const RESULTS = path.join(repoRoot, 'bench', 'results', 'list-throughput.json');

interface LoadSpec {
  mode: 'max' | 'rate' | 'paced';
  url: string;
  headers: Record<string, string>;
  seconds: number;
  connections: number;
  rate?: number;
}

interface LoadResult {
  requestsPerSecond: number;
  requests: number;
  non2xx: number;
  errors: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  loadAverage: [number, number, number];
  /** CPU the load generator itself used (it shares the machine's cores with what it measures). */
  loadGeneratorCpuMs: number;
}

function summarize(latencies: number[], seconds: number, non2xx: number, errors: number): LoadResult {
  const cpu = process.cpuUsage();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: round(latencies.length / seconds),
    requests: latencies.length,
    non2xx,
    errors,
    latencyMs: {
      p50: round(percentile(sorted, 50), 2),
      p95: round(percentile(sorted, 95), 2),
      p99: round(percentile(sorted, 99), 2),
      max: round(sorted[sorted.length - 1] ?? Number.NaN, 2),
    },
    loadAverage: load(),
    loadGeneratorCpuMs: round((cpu.user + cpu.system) / 1000),
  };
}

// ---- the load generator (child process) ----

interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
type Autocannon = (
  options: Record<string, unknown>,
  done: (error: Error | null, result: { errors: number; duration: number }) => void,
) => AutocannonInstance;

async function runAutocannon(spec: LoadSpec): Promise<LoadResult> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const autocannon = require('autocannon') as Autocannon;
  const latencies: number[] = [];
  let non2xx = 0;
  const result = await new Promise<{ errors: number; duration: number }>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        headers: spec.headers,
        connections: spec.connections,
        duration: spec.seconds,
        ...(spec.mode === 'rate' ? { overallRate: spec.rate, ignoreCoordinatedOmission: true } : {}),
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status < 200 || status > 299) non2xx += 1;
    });
  });
  return summarize(latencies, result.duration, non2xx, result.errors);
}

/** One request every 1000/rate ms on a schedule that does not wait for answers; latency from the plan. */
async function runPaced(spec: LoadSpec): Promise<LoadResult> {
  const target = new URL(spec.url);
  const pool = new Pool(target.origin, { connections: spec.connections, pipelining: 1 });
  const interval = 1000 / spec.rate!;
  const total = Math.round(spec.seconds * spec.rate!);
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i += 1) {
    const planned = start + i * interval;
    const wait = planned - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      pool
        .request({ method: 'GET', path: target.pathname + target.search, headers: spec.headers })
        .then(async (answer) => {
          await answer.body.dump();
          latencies.push(performance.now() - planned);
          if (answer.statusCode < 200 || answer.statusCode > 299) non2xx += 1;
        })
        .catch(() => {
          errors += 1;
        }),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  await pool.close();
  return summarize(latencies, elapsed, non2xx, errors);
}

async function loadMain(spec: LoadSpec): Promise<void> {
  const result = spec.mode === 'paced' ? await runPaced(spec) : await runAutocannon(spec);
  process.stdout.write(JSON.stringify(result));
}

/** Runs the load generator in its own process and returns what it measured. */
function measure(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [__filename, '--load', JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
      else resolve(JSON.parse(out) as LoadResult);
    });
  });
}

// ---- the benchmark ----

interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
  /** Where the page's items live, to check a page of 50 before measuring. */
  itemKey: 'id' | 'tenant';
}

async function startBaseline(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(__dirname, 'baseline-server.js')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`baseline exited with ${code}`)));
  });
  return child;
}

/** A page of 50 with a next cursor, or the run would not measure what it says. */
async function checkPage(target: Target): Promise<number> {
  const response = await fetch(target.url, { headers: target.headers });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${target.name}: ${response.status} ${text}`);
  const page = JSON.parse(text) as { items: Record<string, unknown>[]; nextCursor: string | null };
  if (page.items.length !== 50 || !page.nextCursor || !page.items[0]?.[target.itemKey]) {
    throw new Error(`${target.name}: not a full page of 50: ${text.slice(0, 300)}`);
  }
  return text.length;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 3);
  const seconds = Number(process.argv[3] ?? 10);
  const logLevel = process.env['BENCH_LOG_LEVEL'] ?? 'info';
  const bench = await startBenchSystem({ ...UNTHROTTLED, LOG_LEVEL: logLevel });
  let baseline: ChildProcess | undefined;
  try {
    const db = new Client({ connectionString: bench.stack.databaseUrl });
    await db.connect();
    const partner = await db.query<{ id: string; customers: string }>(
      `SELECT p.id, (SELECT count(*) FROM tenant.tenants t WHERE t.partner_id = p.id) AS customers
         FROM tenant.partners p WHERE p.name = $1 ORDER BY p.created_at LIMIT 1`,
      [BENCH_PARTNER_NAME],
    );
    await db.end();
    const partnerId = partner.rows[0]?.id;
    if (!partnerId) throw new Error('no seeded partner: run dist/bench/seed-customers.js first');
    const customers = Number(partner.rows[0]!.customers);

    const baselinePort = Number(process.env['BASELINE_PORT'] ?? 3910);
    baseline = await startBaseline(
      serviceDatabaseUrl(bench.stack.databaseUrl, 'tenant', developmentDatabasePassword('tenant')),
      baselinePort,
    );
    const caller: Caller = { subject: 'bench:viewer', partnerId, roles: ['partner:viewer'] };
    const token = await signDevToken(process.env['AUTH_JWT_SECRET'] ?? DEVELOPMENT_JWT_SECRET, {
      partnerId,
      roles: ['partner:viewer'],
      subject: 'bench:viewer',
    });
    const bearer = { authorization: `Bearer ${token}` };
    // The baseline server reads the partner from x-caller-partner-id; the services from the internal token.
    const internal = { ...internalHeadersFromEnv(process.env, caller), 'x-caller-partner-id': partnerId };
    const { gatewayUrl, urls } = bench.system;
    const targets: Target[] = [
      {
        name: 'baseline GET /tenants',
        url: `http://127.0.0.1:${baselinePort}/tenants?limit=50`,
        headers: internal,
        itemKey: 'id',
      },
      {
        name: 'tenant service GET /tenants',
        url: `${urls.tenant}/tenants?limit=50`,
        headers: internal,
        itemKey: 'id',
      },
      {
        name: 'tenant service GET /overview',
        url: `${urls.tenant}/overview?limit=50`,
        headers: internal,
        itemKey: 'tenant',
      },
      {
        name: 'gateway GET /v1/tenants',
        url: `${gatewayUrl}/v1/tenants?limit=50`,
        headers: bearer,
        itemKey: 'id',
      },
      {
        name: 'gateway GET /v1/overview',
        url: `${gatewayUrl}/v1/overview?limit=50`,
        headers: bearer,
        itemKey: 'tenant',
      },
    ];
    const pageBytes: Record<string, number> = {};
    for (const target of targets) pageBytes[target.name] = await checkPage(target);

    // Warm-up: JIT, connection pools, Postgres' caches.
    for (const target of targets) {
      await measure({ mode: 'max', url: target.url, headers: target.headers, seconds: 3, connections: 100 });
    }
    // Who spends the CPU: the gateway, the tenant service, Postgres (all its processes), the baseline.
    const state = JSON.parse(readFileSync(path.join(bench.options.dir, 'state.json'), 'utf8')) as {
      postgres?: { pid: number };
    };
    const pidOf = (name: string) => bench.system.processes.find((p) => p.name === name)!.pid!;
    const processes: Record<string, () => number[]> = {
      gateway: () => [pidOf('gateway')],
      tenant: () => [pidOf('tenant')],
      postgres: () => (state.postgres ? processTree(state.postgres.pid) : []),
      baseline: () => [baseline!.pid!],
    };
    const cpuSnapshot = () =>
      Object.fromEntries(Object.entries(processes).map(([name, pids]) => [name, cpuMs(pids())]));

    type Run = LoadResult & { cpuMsPerRequest: Record<string, number> };
    const runs: Record<string, Run[]> = Object.fromEntries(targets.map((t) => [t.name, []]));
    for (let r = 0; r < rounds; r += 1) {
      for (const target of targets) {
        const before = cpuSnapshot();
        const result = await measure({
          mode: 'max',
          url: target.url,
          headers: target.headers,
          seconds,
          connections: 100,
        });
        const after = cpuSnapshot();
        const cpuMsPerRequest = Object.fromEntries(
          [...Object.keys(processes), 'loadGenerator'].map((name) => [
            name,
            round(
              (name === 'loadGenerator' ? result.loadGeneratorCpuMs : after[name]! - before[name]!) /
                Math.max(1, result.requests),
              3,
            ),
          ]),
        );
        runs[target.name]!.push({ ...result, cpuMsPerRequest });
        process.stderr.write(
          `round ${r + 1} ${target.name}: ${result.requestsPerSecond} req/s ` +
            `(p50 ${result.latencyMs.p50} ms, load ${result.loadAverage[0]}, CPU ms/request ` +
            `${JSON.stringify(cpuMsPerRequest)})\n`,
        );
      }
    }
    const baselineRps = median(runs[targets[0]!.name]!.map((r) => r.requestsPerSecond));
    const throughput = targets.map((target) => {
      const list = runs[target.name]!;
      const rps = median(list.map((r) => r.requestsPerSecond));
      return {
        target: target.name,
        requestsPerSecond: round(rps),
        ratioToBaseline: round(rps / baselineRps, 2),
        rounds: list.map((r) => r.requestsPerSecond),
        ratioToBaselinePerRound: list.map((r, i) =>
          round(r.requestsPerSecond / runs[targets[0]!.name]![i]!.requestsPerSecond, 2),
        ),
        latencyMsMedianRound: list[Math.floor(list.length / 2)]!.latencyMs,
        cpuMsPerRequest: Object.fromEntries(
          Object.keys(list[0]!.cpuMsPerRequest).map((name) => [
            name,
            round(median(list.map((r) => r.cpuMsPerRequest[name]!)), 3),
          ]),
        ),
        non2xx: list.reduce((n, r) => n + r.non2xx, 0),
        errors: list.reduce((n, r) => n + r.errors, 0),
        pageBytes: pageBytes[target.name],
        loadAverage: list.map((r) => r.loadAverage[0]),
      };
    });

    const steady: Record<string, unknown>[] = [];
    for (const target of targets.filter((t) => t.name.startsWith('gateway'))) {
      for (const mode of ['rate', 'paced'] as const) {
        const result = await measure({
          mode,
          url: target.url,
          headers: target.headers,
          seconds: Math.max(seconds, 20),
          connections: mode === 'rate' ? 10 : 100,
          rate: 200,
        });
        steady.push({ target: target.name, mode, ...result });
        process.stderr.write(
          `200 req/s (${mode}) ${target.name}: p95 ${result.latencyMs.p95} ms ` +
            `(p50 ${result.latencyMs.p50}, p99 ${result.latencyMs.p99}, load ${result.loadAverage[0]})\n`,
        );
      }
    }

    const result = {
      measuredAt: new Date().toISOString(),
      machine: machine(),
      node: process.version,
      customers,
      logLevel,
      rounds,
      secondsPerRun: seconds,
      connections: 100,
      throughput,
      steady200: steady,
    };
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
    printTable(result.throughput, steady);
  } finally {
    baseline?.kill('SIGTERM');
    await bench.stop();
  }
}

function printTable(
  throughput: {
    target: string;
    requestsPerSecond: number;
    ratioToBaseline: number;
    rounds: number[];
    cpuMsPerRequest: Record<string, number>;
  }[],
  steady: Record<string, unknown>[],
): void {
  const lines = [
    '| target | req/s (median) | × baseline | rounds | CPU ms/request: gateway, tenant, postgres, baseline |',
    '| --- | --- | --- | --- | --- |',
    ...throughput.map((t) => {
      const cpu = t.cpuMsPerRequest;
      return (
        `| ${t.target} | ${t.requestsPerSecond} | ${t.ratioToBaseline} | ${t.rounds.join(', ')} | ` +
        `${cpu['gateway']}, ${cpu['tenant']}, ${cpu['postgres']}, ${cpu['baseline']} |`
      );
    }),
    '',
    '| at 200 req/s | mode | p50 ms | p95 ms | p99 ms | load |',
    '| --- | --- | --- | --- | --- | --- |',
    ...steady.map((s) => {
      const l = s['latencyMs'] as LoadResult['latencyMs'];
      return `| ${String(s['target'])} | ${String(s['mode'])} | ${l.p50} | ${l.p95} | ${l.p99} | ${(s['loadAverage'] as number[])[0]} |`;
    }),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (process.argv[2] === '--load') {
  void loadMain(JSON.parse(process.argv[3]!) as LoadSpec).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  void main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
