/**
 * Telemetry ingestion (issue 13), on its own stack (`.stack-bench-telemetry`, or STACK_DIR, PG_PORT, KAFKA_PORT,
 * KAFKA_CONTROLLER_PORT; services from BENCH_PORT_BASE, 3900 by default), writing
 * bench/results/telemetry-ingestion.json. In one run, with the same events:
 *  1. the pipeline: HTTP POST /v1/telemetry (batches of 1,000 events) → gateway → Kafka → telemetry service →
 *     Postgres, sustained for SECONDS with CONCURRENCY requests in flight; events accepted per second, events
 *     stored per second end to end (until the last accepted one is stored), and ingest-to-queryable latency:
 *     a probe batch of one event every 500 ms, from its 202 until GET /v1/tenants/{id}/telemetry finds it;
 *  2. a raw kafkajs loop: the same Kafka messages (as the gateway makes them) produced one per send with acks
 *     from all in-sync replicas, CONCURRENCY at once, and consumed by a consumer group;
 *  3. a raw COPY of the same rows into a table like telemetry (partitioned by day, the same btree), one
 *     stream, then the text-search index plans this table could have had (btree + GIN full-text, btree + GIN
 *     trigram): what each costs at ingestion.
 * CPU seconds of each process over the pipeline's load are recorded, and the 1-minute load before and after.
 * Usage: npm run build && node dist/bench/telemetry-ingestion.js [seconds=30] [concurrency=8] [copyRows=300000]
 * [rate=0 events/s, 0: unpaced]
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { RunningSystem } from '@pac/launcher';
import { createKafka, Partitioners, silentLogger } from '@pac/messaging';
import { GatewayClient } from '@pac/testing';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Pool } from 'undici';
import {
  load,
  machine,
  percentile,
  repoRoot,
  round,
  startEmptyBenchSystem,
  writeBenchResult,
} from './bench-system';
import { cpuSeconds } from './process-cpu';
import { processTree } from './process-memory';

const RESULTS = path.join(
  repoRoot,
  'bench',
  'results',
  Number(process.argv[5] ?? 0) > 0 ? 'telemetry-ingestion-paced.json' : 'telemetry-ingestion.json',
);
const SECONDS = Number(process.argv[2] ?? 30);
const CONCURRENCY = Number(process.argv[3] ?? 8);
const COPY_ROWS = Number(process.argv[4] ?? 300_000);
/** Events per second the load is paced at (0: as fast as the gateway answers), to see the latency below saturation. */
const RATE = Number(process.argv[5] ?? 0);
const BATCH = 1_000;
const TENANTS = 12;
/** Distinct request bodies, sent in turn. */
const BODIES = 16;
const SEVERITIES = ['verbose', 'info', 'info', 'info', 'warning'] as const;

interface Source {
  tenantId: string;
  key: string;
}

interface Event {
  timestamp: string;
  severity: string;
  eventId: string;
  message: string;
  dimensions: Record<string, string | number>;
}

/** A batch shaped like an ERP environment's telemetry: ~250 bytes an event, 0.5 % errors over 40 event ids. */
function batchOf(at: number, seed: number): Event[] {
  return Array.from({ length: BATCH }, (_, i) => {
    const n = seed * BATCH + i;
    const error = n % 200 === 0;
    return {
      timestamp: new Date(at + i).toISOString(),
      severity: error ? 'error' : SEVERITIES[n % SEVERITIES.length]!,
      eventId: error ? `RT${String(n % 40).padStart(4, '0')}` : `AL${String(n % 97).padStart(4, '0')}`,
      message: `Report ${n % 500} ran for company CRONUS International Ltd. in ${n % 900} ms; ${n % 13} rows read from G/L Entry`,
      dimensions: { company: 'CRONUS', objectId: n % 5000, clientType: n % 2 ? 'WebClient' : 'Background' },
    };
  });
}

async function main(): Promise<void> {
  const bench = await startEmptyBenchSystem(
    { folder: '.stack-bench-telemetry', pgPort: 54419, kafkaPort: 19892 },
    3900,
  );
  const { stack, system } = bench;
  try {
    const { sources, partner } = await setUp(system.gatewayUrl);
    const loadBefore = load();
    const ingestion = await runPipeline(system, bench.options.dir, stack.databaseUrl, sources, partner);
    const raw = await rawKafkaLoop(stack.kafkaBrokers, sources, ingestion.requests);
    const copy = await rawCopies(stack.databaseUrl);
    const result = {
      measuredAt: new Date().toISOString(),
      machine: machine(),
      load: { before: loadBefore, after: load() },
      settings: { seconds: SECONDS, concurrency: CONCURRENCY, batch: BATCH, tenants: TENANTS, rate: RATE },
      pipeline: ingestion.figures,
      rawKafka: raw,
      rawCopy: copy,
      ratios: {
        pipelineToRawKafka: round(ingestion.figures.storedPerSecond / raw.eventsPerSecond, 3),
        pipelineToRawCopy: round(ingestion.figures.storedPerSecond / copy.btree.rowsPerSecond, 3),
      },
    };
    writeBenchResult(RESULTS, result);
  } finally {
    await bench.stop();
  }
}

async function setUp(gatewayUrl: string): Promise<{ sources: Source[]; partner: GatewayClient }> {
  const platform = await GatewayClient.as(gatewayUrl, { partnerId: randomUUID(), roles: ['platform:admin'] });
  const partnerId = (await platform.post<{ id: string }>('/v1/partners', { name: 'Telemetry bench' })).body
    .id;
  const partner = await GatewayClient.as(gatewayUrl, { partnerId, roles: ['partner:admin'] });
  const sources: Source[] = [];
  for (let t = 0; t < TENANTS; t += 1) {
    const tenantId = (
      await partner.post<{ id: string }>('/v1/tenants', { name: `Bench ${t}`, countryCode: 'FR' })
    ).body.id;
    await partner.post(`/v1/tenants/${tenantId}/environments`, { name: 'Main', type: 'production' });
    for (;;) {
      const key = await partner.post<{ key: string }>(
        `/v1/tenants/${tenantId}/environments/Main/telemetry-keys`,
      );
      if (key.status === 201) {
        sources.push({ tenantId, key: key.body.key });
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { sources, partner };
}

async function runPipeline(
  system: RunningSystem,
  stackDir: string,
  databaseUrl: string,
  sources: Source[],
  reader: GatewayClient,
) {
  const gateway = new Pool(system.gatewayUrl, { connections: CONCURRENCY + 2, pipelining: 1 });
  const start = Date.now();
  const bodies = Array.from({ length: BODIES }, (_, i) => JSON.stringify(batchOf(start, i)));
  const post = async (key: string, body: string) => {
    const answer = await gateway.request({
      method: 'POST',
      path: '/v1/telemetry',
      headers: { 'content-type': 'application/json', 'x-telemetry-key': key },
      body,
    });
    const text = await answer.body.text();
    if (answer.statusCode !== 202)
      throw new Error(`ingestion answered ${answer.statusCode}: ${text.slice(0, 300)}`);
  };
  // warm-up: every process's code paths, not counted
  for (let i = 0; i < 20; i += 1) await post(sources[i % sources.length]!.key, bodies[i % BODIES]!);
  // Rows stored so far, from the telemetry service's own counter (a count(*) of millions of rows every 100 ms
  // would load the Postgres being measured); the exact count is checked in the database at the end.
  const stored = () => storedEvents(system.urls.telemetry);
  await waitFor(async () => (await stored()) >= 20 * BATCH);
  const storedBefore = await stored();

  const cpuBefore = cpuByProcess(system, stackDir);
  const requestMs: number[] = [];
  let requests = 0;
  let next = 0;
  const began = performance.now();
  const until = began + SECONDS * 1000;
  const workers = Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < until) {
      const i = next++;
      // Paced: request i goes at its slot of the rate, not before.
      const slot = began + (i * BATCH * 1000) / RATE;
      if (RATE > 0 && slot > performance.now())
        await new Promise((r) => setTimeout(r, slot - performance.now()));
      const sentAt = performance.now();
      await post(sources[i % sources.length]!.key, bodies[i % BODIES]!);
      requestMs.push(performance.now() - sentAt);
      requests += 1;
    }
  });
  const probes = { sent: 0 };
  const latencies = probeLatency(reader, gateway, sources[0]!, until, probes);
  await Promise.all(workers);
  const acceptedFor = performance.now() - began;
  const accepted = requests * BATCH;
  await waitFor(async () => (await stored()) - storedBefore >= accepted + probes.sent, 600_000, 100);
  const storedFor = performance.now() - began;
  const cpuAfter = cpuByProcess(system, stackDir);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const inTable = Number(
    (await db.query<{ n: string }>(`SELECT count(*) AS n FROM telemetry.telemetry WHERE event_id <> 'PROBE'`))
      .rows[0]!.n,
  );
  if (inTable < accepted + 20 * BATCH)
    throw new Error(`only ${inTable} rows stored of ${accepted + 20 * BATCH}`);
  const probe = (await latencies).sort((a, b) => a - b);
  await db.end();
  await gateway.close();
  const sorted = requestMs.sort((a, b) => a - b);
  return {
    requests,
    figures: {
      eventsAccepted: accepted,
      acceptedPerSecond: round((accepted / acceptedFor) * 1000, 0),
      storedPerSecond: round((accepted / storedFor) * 1000, 0),
      drainAfterLoadMs: round(storedFor - acceptedFor, 0),
      requestMs: {
        p50: round(percentile(sorted, 50)),
        p95: round(percentile(sorted, 95)),
        p99: round(percentile(sorted, 99)),
      },
      ingestToQueryableMs: {
        samples: probe.length,
        p50: round(percentile(probe, 50)),
        p95: round(percentile(probe, 95)),
        max: round(probe[probe.length - 1] ?? Number.NaN),
      },
      cpuSecondsPerMillionEvents: Object.fromEntries(
        Object.keys(cpuAfter).map((name) => [
          name,
          round(((cpuAfter[name]! - (cpuBefore[name] ?? 0)) / accepted) * 1e6, 2),
        ]),
      ),
    },
  };
}

/**
 * CPU seconds so far of each service, and of this bench's Kafka and Postgres: the processes whose command line
 * names this stack's folder (other stacks run on the machine), with their children (Postgres's backends).
 */
function cpuByProcess(system: RunningSystem, stackDir: string): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const p of system.processes) if (p.pid) figures[p.name] = cpuSeconds([p.pid]);
  for (const [name, pattern] of [
    ['kafka', 'kafka.Kafka'],
    ['postgres', 'postgres'],
  ] as const) {
    const roots = pidsMatching(stackDir).filter((pid) => commandOf(pid).includes(pattern));
    figures[name] = cpuSeconds(roots.flatMap((pid) => processTree(pid)));
  }
  return figures;
}

function pidsMatching(text: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', text]).toString().trim().split('\n').map(Number).filter(Boolean);
  } catch {
    return [];
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/** telemetry_ingested_events_total{outcome="stored"} of the telemetry service. */
async function storedEvents(telemetryUrl: string): Promise<number> {
  const text = await (await fetch(`${telemetryUrl}/metrics`)).text();
  // Every series also carries its service's label (docs/operations.md), in any order.
  const line = text
    .split('\n')
    .find((l) => /^telemetry_ingested_events_total\{[^}]*outcome="stored"[^}]*\} /.test(l));
  return line ? Number(line.split(' ').pop()) : 0;
}

/** One single-event batch every 500 ms until `until`: ms from its 202 until the API finds it. */
async function probeLatency(
  reader: GatewayClient,
  gateway: Pool,
  source: Source,
  until: number,
  probes: { sent: number },
): Promise<number[]> {
  const samples: number[] = [];
  while (performance.now() < until) {
    const eventId = `PROBE`;
    const marker = randomUUID();
    const at = new Date().toISOString();
    const answer = await gateway.request({
      method: 'POST',
      path: '/v1/telemetry',
      headers: { 'content-type': 'application/json', 'x-telemetry-key': source.key },
      body: JSON.stringify([{ timestamp: at, severity: 'info', eventId, message: marker }]),
    });
    await answer.body.text();
    probes.sent += 1;
    const acceptedAt = performance.now();
    for (;;) {
      const found = await reader.get<{ items: unknown[] }>(
        `/v1/tenants/${source.tenantId}/telemetry?eventId=${eventId}&from=${encodeURIComponent(at)}&q=${marker}&limit=1`,
      );
      if (found.body.items.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    samples.push(performance.now() - acceptedAt);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return samples;
}

/** The same messages as the gateway makes, produced (acks -1, one per send, CONCURRENCY at once) and consumed. */
async function rawKafkaLoop(brokers: string[], sources: Source[], messages: number) {
  const kafka = createKafka({ brokers, clientId: 'bench-raw', logger: silentLogger });
  const topic = `bench.telemetry-raw-${Date.now()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 6 }] });
  await admin.disconnect();
  const now = Date.now();
  const values = Array.from({ length: BODIES }, (_, i) => {
    const source = sources[i % sources.length]!;
    return (
      `{"tenantId":"${source.tenantId}","partnerId":"${randomUUID()}","environmentName":"Main","keyId":"${randomUUID()}",` +
      `"receivedAt":"${new Date(now).toISOString()}","events":${JSON.stringify(batchOf(now, i))}}`
    );
  });
  const consumer = kafka.consumer({ groupId: `${topic}-group`, maxWaitTimeInMs: 100 });
  let consumed = 0;
  let lastAt = 0;
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages)
        consumed += (JSON.parse(message.value!.toString()) as { events: unknown[] }).events.length;
      lastAt = performance.now();
    },
  });
  await waitFor(async () => joined);
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const began = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < messages) {
        const i = next++;
        await producer.send({
          topic,
          acks: -1,
          messages: [{ key: sources[i % sources.length]!.tenantId, value: values[i % BODIES]! }],
        });
      }
    }),
  );
  const producedFor = performance.now() - began;
  await waitFor(async () => consumed >= messages * BATCH, 600_000);
  await producer.disconnect();
  await consumer.disconnect();
  return {
    messages,
    events: messages * BATCH,
    producedPerSecond: round(((messages * BATCH) / producedFor) * 1000, 0),
    eventsPerSecond: round(((messages * BATCH) / (lastAt - began)) * 1000, 0),
  };
}

/** COPY of the same rows into a copy of the telemetry table, with each index plan. */
async function rawCopies(databaseUrl: string) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const now = Date.now();
  const rows: string[] = [];
  for (let b = 0; rows.length < COPY_ROWS; b += 1) {
    for (const event of batchOf(now, b % BODIES)) {
      if (rows.length >= COPY_ROWS) break;
      rows.push(
        [
          randomUUID(),
          randomUUID(),
          randomUUID(),
          'Main',
          event.timestamp,
          event.severity,
          event.eventId,
          copyText(event.message),
          copyText(JSON.stringify(event.dimensions)),
        ].join('\t') + '\n',
      );
    }
  }
  const plans = {
    btree: [`CREATE INDEX ON bench_copy (tenant_id, "timestamp" DESC, id DESC)`],
    btreeAndFullText: [
      `CREATE INDEX ON bench_copy (tenant_id, "timestamp" DESC, id DESC)`,
      `CREATE INDEX ON bench_copy USING gin (to_tsvector('simple', message))`,
    ],
    btreeAndTrigram: [
      `CREATE INDEX ON bench_copy (tenant_id, "timestamp" DESC, id DESC)`,
      // pg_trgm is installed in the telemetry schema at provisioning (libs/persistence SERVICE_EXTENSIONS).
      `CREATE INDEX ON bench_copy USING gin (message telemetry.gin_trgm_ops)`,
    ],
  };
  const results: Record<string, { rows: number; rowsPerSecond: number } | { error: string }> = {};
  for (const [plan, indexes] of Object.entries(plans)) {
    await db.query(`DROP TABLE IF EXISTS bench_copy`);
    await db.query(`CREATE TABLE bench_copy (LIKE telemetry.telemetry INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
      PARTITION BY RANGE ("timestamp")`);
    const day = new Date(now).toISOString().slice(0, 10);
    await db.query(
      `CREATE TABLE bench_copy_p PARTITION OF bench_copy FOR VALUES FROM ('${day}T00:00:00Z') TO ('${day}T00:00:00Z'::timestamptz + interval '2 days')`,
    );
    try {
      for (const index of indexes) await db.query(index);
    } catch (error) {
      results[plan] = { error: String(error) };
      continue;
    }
    const began = performance.now();
    await pipeline(Readable.from(chunks(rows)), db.query(copyFrom(`COPY bench_copy FROM STDIN`)));
    const seconds = (performance.now() - began) / 1000;
    results[plan] = { rows: rows.length, rowsPerSecond: round(rows.length / seconds, 0) };
  }
  await db.query(`DROP TABLE IF EXISTS bench_copy`);
  await db.end();
  return results as { btree: { rows: number; rowsPerSecond: number } } & typeof results;
}

function* chunks(rows: string[]): Generator<string> {
  for (let i = 0; i < rows.length; i += 1_000) yield rows.slice(i, i + 1_000).join('');
}

/** Text for COPY's text format: backslash, tab, newline and carriage return escaped. */
function copyText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

async function waitFor(done: () => Promise<boolean>, timeoutMs = 120_000, pauseMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
