/**
 * Issue 2 figures, written to bench/results/onboarding-latency.json:
 *  - from `POST /v1/tenants` answered to the "onboarded" notification visible in the partner inbox
 *    (`GET /v1/notifications?tenantId=`), p50/p95 over 200 tenants created one after the other;
 *  - idle memory of each service process, of Kafka, of Postgres and of the whole stack: 5 s after every service
 *    is ready (a start-up peak), and 90 s after (settled, once V8 has given back start-up garbage).
 * Starts its own stack, emptied first (`.stack-bench-onboarding`), and system on bench ports (or uses
 * DATABASE_URL / KAFKA_BROKERS), stops them after.
 * Usage: npm run build && node dist/bench/onboarding-latency.js [tenants]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchSystem, type RunningSystem } from '@pac/launcher';
import { stackDown, stackUp, type RunningStack } from '@pac/stack';
import { GatewayClient } from '@pac/testing';
import { Client } from 'pg';
import { cpuSeconds } from './process-cpu';
import { processMemory, processTree, treeMemory, type ProcessMemory } from './process-memory';
import { benchStackOptions, emptyBenchStack, percentile, repoRoot, round } from './bench-system';

const RESULTS = path.join(repoRoot, 'bench', 'results', 'onboarding-latency.json');

/** Tenants created first and not counted: a fresh process runs its code unoptimised for a while. */
const WARM_UP = Number(process.env['WARM_UP'] ?? 10);
const POLL_PAUSE_MS = Number(process.env['POLL_PAUSE_MS'] ?? 5);
/** When idle memory is read a second time, after V8 has had time to give back start-up garbage. */
const SETTLED_AFTER_MS = 90_000;
/** How long the idle system's CPU is measured (after the memory snapshot, before any request). */
const IDLE_CPU_WINDOW_MS = 10_000;

const roundMemory = (m: ProcessMemory) => ({ rssMb: round(m.rssMb), pssMb: round(m.pssMb) });

/** Wall-clock instant (Date.now(), the clock Postgres's now() reads too) each counted tenant's 201 arrived. */
const answeredAtWall = new Map<string, number>();

async function measureLatency(system: RunningSystem, tenants: number): Promise<number[]> {
  const platform = await GatewayClient.as(system.gatewayUrl, {
    partnerId: '00000000-0000-4000-8000-000000000000',
    roles: ['platform:admin'],
  });
  const partner = await platform.post<{ id: string }>('/v1/partners', { name: 'Bench Partner' });
  const client = await GatewayClient.as(system.gatewayUrl, {
    partnerId: partner.body.id,
    roles: ['partner:admin'],
  });
  const latencies: number[] = [];
  for (let i = 0; i < tenants + WARM_UP; i += 1) {
    const created = await client.post<{ id: string }>('/v1/tenants', {
      name: `Bench customer ${i}`,
      countryCode: 'FR',
    });
    if (created.status !== 201) throw new Error(`POST /v1/tenants answered ${created.status}`);
    const answeredAt = performance.now();
    if (i >= WARM_UP) answeredAtWall.set(created.body.id, Date.now());
    for (;;) {
      const inbox = await client.get<{ items: unknown[] }>(`/v1/notifications?tenantId=${created.body.id}`);
      if (inbox.body.items.length > 0) break;
      // Polling without a pause would keep a core of two busy answering it, slowing what it measures; a
      // pause of POLL_PAUSE_MS can only add to the figure, never hide time.
      await sleep(POLL_PAUSE_MS);
    }
    // The first WARM_UP warm up connections and the JIT of every process; they are not counted.
    if (i >= WARM_UP) latencies.push(performance.now() - answeredAt);
  }
  return latencies;
}

/**
 * Where the time goes, from the databases' own timestamps (same clock): outbox row written → published to
 * Kafka by the relay → notification consumer's transaction started (inbox row).
 */
async function stageBreakdown(adminUrl: string): Promise<Record<string, { p50: number; p95: number }>> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{
      tenant: string;
      relay: number;
      consume: number;
      published: number;
    }>(`
      SELECT o.message_key AS tenant,
             extract(epoch FROM (o.published_at - o.created_at)) * 1000 AS relay,
             extract(epoch FROM (i.processed_at - o.published_at)) * 1000 AS consume,
             extract(epoch FROM o.published_at) * 1000 AS published
      FROM tenant.outbox o JOIN notification.inbox i ON i.event_id = o.event_id
      WHERE o.type = 'tenant.created' AND o.published_at IS NOT NULL`);
    const stat = (values: number[]) => {
      const sorted = values.map(Number).sort((a, b) => a - b);
      return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)) };
    };
    return {
      // From the tenant transaction's start (created_at = now()): includes that transaction and its commit.
      outboxWriteToPublished: stat(rows.map((r) => r.relay)),
      // From the 201 reaching the bench to the relay's mark (after Kafka acknowledged): negative when the
      // relay was faster than the answer's way back through the gateway.
      answeredToPublished: stat(
        rows
          .filter((r) => answeredAtWall.has(r.tenant))
          .map((r) => Number(r.published) - answeredAtWall.get(r.tenant)!),
      ),
      publishedToConsumerTransaction: stat(rows.map((r) => r.consume)),
    };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const tenants = Number(process.argv[2] ?? 200);
  const options = benchStackOptions({ folder: '.stack-bench-onboarding', pgPort: 54389, kafkaPort: 19692 });
  let stack: RunningStack | undefined;
  let system: RunningSystem | undefined;
  try {
    await emptyBenchStack(options);
    stack = await stackUp(options);
    system = await launchSystem({
      adminDatabaseUrl: stack.databaseUrl,
      kafkaBrokers: stack.kafkaBrokers,
      smtpUrl: stack.smtpUrl,
      portBase: Number(process.env['BENCH_PORT_BASE'] ?? 3700),
      logTo: { folder: path.join(options.dir, 'logs') },
      // The inbox is polled without pause to see the notification as soon as it lands: no rate limit here.
      env: { NODE_ENV: 'development', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0' },
    });
    const started = system;
    const readyAt = performance.now();
    // Idle: started, ready, nothing asked yet for a few seconds.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const services = Object.fromEntries(
      started.processes.map((p) => [p.name, roundMemory(processMemory(p.pid!))]),
    );
    const state = JSON.parse(readFileSync(path.join(options.dir, 'state.json'), 'utf8')) as {
      postgres?: { pid: number };
      kafka?: { pid: number };
    };
    const kafka = state.kafka ? roundMemory(treeMemory(state.kafka.pid)) : null;
    const postgres = state.postgres ? roundMemory(treeMemory(state.postgres.pid)) : null;
    const sum = (list: (ProcessMemory | null)[]) =>
      list.reduce<number>((total, m) => total + (m?.pssMb ?? 0), 0);
    const servicesPss = sum(Object.values(services));

    // Idle CPU: what each process burns per second with nothing asked (polls, timers, consumer fetches). It
    // competes with the work measured below on the same two cores.
    const cpuGroups: Record<string, () => number[]> = {
      ...Object.fromEntries(started.processes.map((p) => [p.name, () => [p.pid!]])),
      kafka: () => (state.kafka ? processTree(state.kafka.pid) : []),
      postgres: () => (state.postgres ? processTree(state.postgres.pid) : []),
    };
    const cpuNow = () =>
      Object.fromEntries(Object.entries(cpuGroups).map(([name, pids]) => [name, cpuSeconds(pids())]));
    const idleBefore = cpuNow();
    await sleep(IDLE_CPU_WINDOW_MS);
    const idleAfter = cpuNow();
    const idleCpu = Object.fromEntries(
      Object.keys(cpuGroups).map((name) => [
        name,
        Math.round((1_000_000 * (idleAfter[name]! - idleBefore[name]!)) / IDLE_CPU_WINDOW_MS) / 1000,
      ]),
    );
    const idleCpuTotal = Object.values(idleCpu).reduce((total, value) => total + value, 0);
    // Settled: V8 gives back the heap pages start-up left behind only after some idle time (its memory
    // reducer), so the memory 5 s after ready is a start-up peak; this is what an idle service keeps.
    await sleep(Math.max(0, readyAt + SETTLED_AFTER_MS - performance.now()));
    const settledServices = Object.fromEntries(
      started.processes.map((p) => [p.name, roundMemory(processMemory(p.pid!))]),
    );
    const settledKafka = state.kafka ? roundMemory(treeMemory(state.kafka.pid)) : null;
    const settledPostgres = state.postgres ? roundMemory(treeMemory(state.postgres.pid)) : null;
    const settledServicesPss = sum(Object.values(settledServices));
    const loadBefore = loadavg()[0]!;
    const busyBefore = cpuNow();

    const latencies = (await measureLatency(started, tenants)).sort((a, b) => a - b);
    const busyAfter = cpuNow();
    const stages = await stageBreakdown(stack.databaseUrl);
    const cpuPerTenantMs = Object.fromEntries(
      Object.keys(cpuGroups).map((name) => [
        name,
        round((1000 * (busyAfter[name]! - busyBefore[name]!)) / (tenants + WARM_UP)),
      ]),
    );
    const result = {
      measuredAt: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        model: cpus()[0]?.model,
        memoryGb: round(totalmem() / 2 ** 30),
        loadAverage1mBefore: round(loadBefore),
        loadAverage1m: round(loadavg()[0]!),
      },
      node: process.version,
      tenants,
      warmUpTenants: WARM_UP,
      pollPauseMs: POLL_PAUSE_MS,
      postToInboxMs: {
        p50: round(percentile(latencies, 50)),
        p95: round(percentile(latencies, 95)),
        p99: round(percentile(latencies, 99)),
        max: round(latencies[latencies.length - 1]!),
      },
      stagesMs: stages,
      // CPU-seconds per second of wall time, idle for IDLE_CPU_WINDOW_MS before the run.
      idleCpuSecondsPerSecond: { ...idleCpu, total: Math.round(idleCpuTotal * 1000) / 1000 },
      // CPU per tenant created during the run (idle burn included), in ms.
      cpuPerTenantMs,
      idleMemoryMb: {
        services,
        kafka,
        postgres,
        allServicesPss: round(servicesPss),
        wholeStackPss: round(servicesPss + (kafka?.pssMb ?? 0) + (postgres?.pssMb ?? 0)),
      },
      settledIdleMemoryMb: {
        secondsAfterReady: SETTLED_AFTER_MS / 1000,
        services: settledServices,
        kafka: settledKafka,
        postgres: settledPostgres,
        allServicesPss: round(settledServicesPss),
        wholeStackPss: round(settledServicesPss + (settledKafka?.pssMb ?? 0) + (settledPostgres?.pssMb ?? 0)),
      },
    };
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await system?.stop();
    if (stack && (stack.startedPostgres || stack.startedKafka)) await stackDown(options);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
