/**
 * Issue 16 figures, written to bench/results/operations.json, in one run:
 *  - onboarding latency (POST /v1/tenants answered → the "onboarded" notification in the partner inbox,
 *    p50/p95 over `tenants` customers made one after the other, after 10 not counted) and list throughput
 *    (GET /v1/tenants?limit=50 through the gateway, autocannon in its own process, 20 connections), on a
 *    single broker and then on a three-broker cluster (replication 3, min.insync.replicas 2);
 *  - the cost of request metrics and tracing on the gateway's request rate: two more gateways beside the
 *    system, one with both off (HTTP_METRICS=off, no OTLP endpoint), one with both on (spans exported by OTLP
 *    to a sink in this process), measured in alternating rounds on GET /v1/tenants?limit=1.
 * Each topology gets its own emptied stack folder (.stack-bench-ops-<n>); ports: PG_PORT (54639),
 * KAFKA_PORT (19592; the cluster takes KAFKA_PORT + 2 to + 7), BENCH_PORT_BASE (3600; the two extra gateways
 * take + 20 and + 21), SMTP_PORT (3625).
 * Usage: npm run build && node dist/bench/operations.js [tenants=100] [rounds=3] [seconds=8]
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { DEVELOPMENT_JWT_SECRET, signDevToken } from '@pac/auth';
import { launchSystem, ServiceProcess, type RunningSystem } from '@pac/launcher';
import { stackDown, stackOptionsFromEnv, stackUp } from '@pac/stack';
import { GatewayClient } from '@pac/testing';
import { emptyBenchStack, load, machine, percentile, repoRoot, round } from './bench-system';

const RESULTS = path.join(repoRoot, 'bench', 'results', 'operations.json');
const WARM_UP = 10;
const run = promisify(execFile);
const portBase = Number(process.env['BENCH_PORT_BASE'] ?? 3600);
const kafkaPort = Number(process.env['KAFKA_PORT'] ?? 19592);

interface Autocannon {
  requests: { average: number; total: number };
  latency: { p50: number; p97_5: number };
  non2xx: number;
  errors: number;
}

/** autocannon in a process of its own (the CLI), so that it does not share this process's event loop. */
async function autocannon(
  url: string,
  token: string,
  seconds: number,
  connections = 20,
): Promise<Autocannon> {
  const bin = path.join(repoRoot, 'node_modules', '.bin', 'autocannon');
  const { stdout } = await run(
    bin,
    ['-j', '-c', String(connections), '-d', String(seconds), '-H', `authorization=Bearer ${token}`, url],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as Autocannon;
}

async function onboardingLatency(client: GatewayClient, tenants: number) {
  const latencies: number[] = [];
  for (let i = 0; i < tenants + WARM_UP; i += 1) {
    const created = await client.post<{ id: string }>('/v1/tenants', {
      name: `Ops bench ${i}`,
      countryCode: 'FR',
    });
    if (created.status !== 201) throw new Error(`POST /v1/tenants answered ${created.status}`);
    const answeredAt = performance.now();
    for (;;) {
      const inbox = await client.get<{ items: unknown[] }>(`/v1/notifications?tenantId=${created.body.id}`);
      if (inbox.body.items.length > 0) break;
      await sleep(5);
    }
    if (i >= WARM_UP) latencies.push(performance.now() - answeredAt);
  }
  latencies.sort((a, b) => a - b);
  return { tenants, p50Ms: round(percentile(latencies, 50)), p95Ms: round(percentile(latencies, 95)) };
}

async function partnerOf(system: RunningSystem): Promise<{ client: GatewayClient; token: string }> {
  const platform = await GatewayClient.as(system.gatewayUrl, {
    partnerId: '00000000-0000-4000-8000-000000000000',
    roles: ['platform:admin'],
  });
  const partner = await platform.post<{ id: string }>('/v1/partners', { name: 'Ops bench partner' });
  const claims = { partnerId: partner.body.id, roles: ['partner:admin' as const] };
  return {
    client: await GatewayClient.as(system.gatewayUrl, claims),
    token: await signDevToken(process.env['AUTH_JWT_SECRET'] ?? DEVELOPMENT_JWT_SECRET, claims),
  };
}

/** Request rate of a plain and an instrumented gateway beside the system, in alternating rounds. */
async function instrumentationOverhead(
  system: RunningSystem & { stackBrokers: string },
  token: string,
  rounds: number,
  seconds: number,
) {
  let spanExports = 0;
  const sink = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      spanExports += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const sinkPort = (sink.address() as { port: number }).port;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
    KAFKA_BROKERS: system.stackBrokers,
    TENANT_URL: system.urls.tenant,
    LIFECYCLE_URL: system.urls.lifecycle,
    NOTIFICATION_URL: system.urls.notification,
    TELEMETRY_URL: system.urls.telemetry,
    SANDBOX_URL: system.urls.sandbox,
  };
  delete env['DATABASE_URL'];
  delete env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  const start = (port: number, extra: NodeJS.ProcessEnv) =>
    ServiceProcess.start({
      name: 'gateway',
      port,
      env: { ...env, ...extra },
      logTo: { folder: path.join(repoRoot, '.stack-bench-ops-1', 'logs') },
      distDir: path.resolve(__dirname, '..'),
    });
  const plain = start(portBase + 20, { HTTP_METRICS: 'off' });
  const instrumented = start(portBase + 21, { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${sinkPort}` });
  try {
    await Promise.all([plain.waitUntilReady(), instrumented.waitUntilReady()]);
    const route = '/v1/tenants?limit=1';
    // Warm-up of both (JIT, connections), not counted.
    await autocannon(`${plain.url}${route}`, token, 3);
    await autocannon(`${instrumented.url}${route}`, token, 3);
    const off: number[] = [];
    const on: number[] = [];
    const loads: number[] = [];
    for (let r = 0; r < rounds; r += 1) {
      // Alternating which goes first, so that a trend in the machine's load falls on both.
      const order = r % 2 === 0 ? ['off', 'on'] : ['on', 'off'];
      for (const which of order) {
        loads.push(load()[0]);
        const result = await autocannon(
          `${which === 'off' ? plain.url : instrumented.url}${route}`,
          token,
          seconds,
        );
        if (result.non2xx > 0 || result.errors > 0)
          throw new Error(`${which}: ${result.non2xx} non-2xx, ${result.errors} errors`);
        (which === 'off' ? off : on).push(result.requests.average);
      }
    }
    await sleep(6_000); // the batch span processor exports every 5 s
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    return {
      route,
      seconds,
      rounds,
      offRequestsPerSecond: off.map((v) => round(v)),
      onRequestsPerSecond: on.map((v) => round(v)),
      medianOff: round(median(off)),
      medianOn: round(median(on)),
      costPercent: round((100 * (median(off) - median(on))) / median(off)),
      otlpExportsReceived: spanExports,
      loadAverage1m: { min: Math.min(...loads), max: Math.max(...loads) },
    };
  } finally {
    await Promise.all([plain.stop(), instrumented.stop()]);
    sink.close();
  }
}

async function topology(brokers: 1 | 3, tenants: number, rounds: number, seconds: number) {
  const options = stackOptionsFromEnv(
    { ...process.env, KAFKA_NODES: String(brokers) },
    {
      dir: path.join(repoRoot, `.stack-bench-ops-${brokers}`),
      pgPort: Number(process.env['PG_PORT'] ?? 54639),
      kafkaPort: brokers === 3 ? kafkaPort + 2 : kafkaPort,
      kafkaControllerPort: brokers === 3 ? kafkaPort + 3 : kafkaPort + 1,
      smtpPort: Number(process.env['SMTP_PORT'] ?? 3625),
      log: (line) => process.stderr.write(`[stack] ${line}\n`),
    },
  );
  await emptyBenchStack(options);
  const stack = await stackUp(options);
  let system: RunningSystem | undefined;
  try {
    system = await launchSystem({
      adminDatabaseUrl: stack.databaseUrl,
      kafkaBrokers: stack.kafkaBrokers,
      smtpUrl: stack.smtpUrl,
      portBase,
      logTo: { folder: path.join(options.dir, 'logs') },
      env: { NODE_ENV: 'development', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0' },
    });
    const { client, token } = await partnerOf(system);
    const loadBefore = load();
    const onboarding = await onboardingLatency(client, tenants);
    const list = await autocannon(`${system.gatewayUrl}/v1/tenants?limit=50`, token, seconds);
    const result = {
      brokers,
      onboarding,
      listThroughput: {
        route: '/v1/tenants?limit=50',
        customers: tenants + WARM_UP,
        connections: 20,
        seconds,
        requestsPerSecond: round(list.requests.average),
        p50Ms: list.latency.p50,
        p97_5Ms: list.latency.p97_5,
      },
      loadAverage: { before: loadBefore, after: load() },
      overhead:
        brokers === 1
          ? await instrumentationOverhead(
              { ...system, stackBrokers: stack.kafkaBrokers.join(',') },
              token,
              rounds,
              seconds,
            )
          : undefined,
    };
    process.stderr.write(`${JSON.stringify(result)}\n`);
    return result;
  } finally {
    await system?.stop();
    await stackDown(options);
  }
}

async function main(): Promise<void> {
  const tenants = Number(process.argv[2] ?? 100);
  const rounds = Number(process.argv[3] ?? 3);
  const seconds = Number(process.argv[4] ?? 8);
  const single = await topology(1, tenants, rounds, seconds);
  const cluster = await topology(3, tenants, rounds, seconds);
  const result = {
    measuredAt: new Date().toISOString(),
    command: `node dist/bench/operations.js ${tenants} ${rounds} ${seconds}`,
    machine: machine(),
    node: process.version,
    single,
    cluster,
  };
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
