/**
 * The messaging library alone (issue 10), on its own stack (`.stack-bench-messaging`, or STACK_DIR, PG_PORT,
 * KAFKA_PORT, KAFKA_CONTROLLER_PORT; DATABASE_URL / KAFKA_BROKERS), writing bench/results/messaging-throughput.json:
 *  1. saturation: events/s from a backlog of committed outbox rows through relay → Kafka → consumer → inbox →
 *     handler effect, beside a raw kafkajs produce → consume loop of the same messages in the same run (the
 *     ratio is what the outbox and the inbox cost);
 *  2. low rate: the CPU per event of one consumer in a process of its own (`messaging-consumer-process`),
 *     the library alone and through the Nest transport as the services run it, idle CPU subtracted.
 * Events are tenant.created snapshots (~500 bytes) checked by the real contract; the effect is one row.
 * Usage: npm run build && node dist/bench/messaging-throughput.js [events=20000] [lowRateEvents=300] [perSecond=20]
 * PROFILE=1 runs the low-rate consumers with --cpu-prof (profiles in bench/results/profiles/, not committed).
 */
import { TenantCreated } from '@pac/contracts';
import {
  createKafka,
  EventConsumer,
  type Kafka,
  type Message,
  OutboxRelay,
  Partitioners,
  silentLogger,
} from '@pac/messaging';
import { dropServiceDatabase, provisionServiceDatabase } from '@pac/persistence';
import { stackUp, type RunningStack } from '@pac/stack';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import {
  benchStackOptions,
  machine,
  repoRoot,
  round,
  stopBenchStack,
  writeBenchResult,
} from './bench-system';
import {
  benchDataSource,
  effectCount,
  recordEffect,
  tenantCreatedData,
  tenantCreatedMessage,
} from './messaging-bench-setup';
import { cpuMs } from './process-cpu';

const RESULTS = path.join(repoRoot, 'bench', 'results', 'messaging-throughput.json');
const PARTITIONS = 6;
/** As the busiest services consume (tenant, lifecycle, notification). */
const CONSUMER_CONCURRENCY = 4;
const IDLE_WINDOW_MS = 5_000;

async function until(what: string, done: () => Promise<boolean>, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** The raw loop: the same messages produced as the relay does (idempotent, acks all, batches of 1,000) and read. */
async function rawLoop(kafka: Kafka, topic: string, messages: Message[]): Promise<number> {
  const consumer = kafka.consumer({ groupId: `${topic}-raw`, maxWaitTimeInMs: 100 });
  let consumed = 0;
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  await consumer.run({
    partitionsConsumedConcurrently: CONSUMER_CONCURRENCY,
    eachBatch: async ({ batch }) => void (consumed += batch.messages.length),
  });
  await until('the raw consumer to join', async () => joined);
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const started = performance.now();
  for (let from = 0; from < messages.length; from += 1_000)
    await producer.sendBatch({
      topicMessages: [{ topic, messages: messages.slice(from, from + 1_000) }],
      acks: -1,
    });
  await until('the raw loop to consume everything', async () => consumed >= messages.length);
  const ms = performance.now() - started;
  await producer.disconnect();
  await consumer.disconnect();
  return ms;
}

/** The library: the same events committed to the outbox first, then relayed, consumed and handled. */
async function outboxToEffect(
  kafka: Kafka,
  dataSource: DataSource,
  schema: string,
  topic: string,
  messages: Message[],
): Promise<{ ms: number; cpuMs: number }> {
  const rows = messages.map((m) => ({
    event_id: String(m.headers!['ce_id']),
    topic,
    message_key: String(m.key),
    type: TenantCreated.type,
    source: String(m.headers!['ce_source']),
    subject: String(m.headers!['ce_subject']),
    time: String(m.headers!['ce_time']),
    headers: {},
    payload: JSON.parse(String(m.value)) as object,
  }));
  for (let from = 0; from < rows.length; from += 5_000)
    await dataSource.query(
      `INSERT INTO "${schema}".outbox (event_id, topic, message_key, type, source, subject, "time", headers, payload)
       SELECT event_id, topic, message_key, type, source, subject, "time", headers, payload
         FROM jsonb_to_recordset($1::jsonb) AS r (event_id uuid, topic text, message_key text, type text,
              source text, subject text, "time" timestamptz, headers jsonb, payload jsonb)`,
      [JSON.stringify(rows.slice(from, from + 5_000))],
    );
  await dataSource.query(`VACUUM ANALYZE "${schema}".outbox`);
  const consumer = new EventConsumer({
    kafka,
    dataSource,
    schema,
    groupId: `${topic}-library`,
    logger: silentLogger,
    topics: [topic],
    partitionsConsumedConcurrently: CONSUMER_CONCURRENCY,
  }).handle(TenantCreated, (envelope, manager) => recordEffect(schema, manager, envelope));
  await consumer.start();
  await until('the library consumer to join', async () => consumer.readiness().ready);
  const relay = new OutboxRelay({ dataSource, kafka, schema, logger: silentLogger });
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  relay.start();
  await until('every effect', async () => (await effectCount(dataSource, schema)) >= messages.length);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  await relay.stop();
  await consumer.stop();
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** One consumer process at a low rate: CPU per event beyond what it burns idle. */
async function lowRateCpu(
  mode: 'plain' | 'nest',
  args: { serviceUrl: string; brokers: string; schema: string; topic: string },
  kafka: Kafka,
  dataSource: DataSource,
  events: number,
  perSecond: number,
): Promise<object> {
  const profileDir = path.join(repoRoot, 'bench', 'results', 'profiles');
  if (process.env['PROFILE'] === '1') mkdirSync(profileDir, { recursive: true });
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(process.env['PROFILE'] === '1'
        ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=consumer-${mode}.cpuprofile`]
        : []),
      path.join(__dirname, 'messaging-consumer-process.js'),
      args.serviceUrl,
      args.brokers,
      args.schema,
      args.topic,
      mode,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`the ${mode} consumer exited (${code})`)));
  });
  const pid = child.pid!;
  await sleep(2_000);
  const idleFrom = cpuMs([pid]);
  await sleep(IDLE_WINDOW_MS);
  const idleCpuPerSecond = (cpuMs([pid]) - idleFrom) / (IDLE_WINDOW_MS / 1000);

  const before = await effectCount(dataSource, args.schema);
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const cpuFrom = cpuMs([pid]);
  const started = performance.now();
  for (let n = 0; n < events; n += 1) {
    await producer.send({
      topic: args.topic,
      messages: [tenantCreatedMessage(tenantCreatedData(n))],
      acks: -1,
    });
    await sleep(1000 / perSecond);
  }
  await until(
    `${mode}: every effect`,
    async () => (await effectCount(dataSource, args.schema)) >= before + events,
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuUsed = cpuMs([pid]) - cpuFrom;
  await producer.disconnect();
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  return {
    mode,
    events,
    perSecond,
    idleCpuMsPerSecond: round(idleCpuPerSecond, 2),
    cpuMsPerEvent: round((cpuUsed - idleCpuPerSecond * seconds) / events, 2),
    cpuMsPerEventWithIdle: round(cpuUsed / events, 2),
  };
}

async function main(): Promise<void> {
  const events = Number(process.argv[2] ?? 20_000);
  const lowRateEvents = Number(process.argv[3] ?? 300);
  const perSecond = Number(process.argv[4] ?? 20);
  const options = benchStackOptions({ folder: '.stack-bench-messaging', pgPort: 54389, kafkaPort: 19692 });
  let stack: RunningStack | undefined;
  const suffix = randomBytes(4).toString('hex');
  const schema = `msgbench_${suffix}`;
  const topics = {
    raw: `pac-bench.raw.${suffix}`,
    library: `pac-bench.library.${suffix}`,
    plain: `pac-bench.low-plain.${suffix}`,
    nest: `pac-bench.low-nest.${suffix}`,
  };
  try {
    stack = await stackUp(options);
    const serviceUrl = await provisionServiceDatabase(stack.databaseUrl, schema, `pw-${suffix}`);
    const dataSource = await benchDataSource(serviceUrl, schema);
    const kafka = createKafka({
      brokers: stack.kafkaBrokers,
      clientId: 'messaging-bench',
      logger: silentLogger,
    });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: Object.values(topics).flatMap((topic) => [
        { topic, numPartitions: PARTITIONS },
        { topic: `${topic}.dlq`, numPartitions: 1 },
      ]),
    });

    const messages = Array.from({ length: events }, (_, n) => tenantCreatedMessage(tenantCreatedData(n)));
    const load = { before: round(loadavg()[0]!) };
    // The same messages both ways (the relay builds the same ones from the outbox rows).
    const rawMs = await rawLoop(
      kafka,
      topics.raw,
      messages.map((m) => ({ ...m })),
    );
    const library = await outboxToEffect(kafka, dataSource, schema, topics.library, messages);

    const brokers = stack.kafkaBrokers.join(',');
    const lowRate = [];
    for (const mode of ['plain', 'nest'] as const)
      lowRate.push(
        await lowRateCpu(
          mode,
          { serviceUrl, brokers, schema, topic: topics[mode] },
          kafka,
          dataSource,
          lowRateEvents,
          perSecond,
        ),
      );

    const result = {
      measuredAt: new Date().toISOString(),
      machine: { ...machine(), loadAverage1m: { ...load, after: round(loadavg()[0]!) } },
      events,
      saturation: {
        rawKafkajs: { ms: round(rawMs), eventsPerSecond: Math.round((events * 1000) / rawMs) },
        outboxToEffect: {
          ms: round(library.ms),
          eventsPerSecond: Math.round((events * 1000) / library.ms),
          cpuMsPerEvent: round(library.cpuMs / events, 3),
        },
        libraryToRawRatio: round(rawMs / library.ms, 3),
      },
      lowRate,
    };
    await admin
      .deleteTopics({ topics: Object.values(topics).flatMap((t) => [t, `${t}.dlq`]) })
      .catch(() => undefined);
    await admin.disconnect();
    await dataSource.destroy();
    await dropServiceDatabase(stack.databaseUrl, schema);
    writeBenchResult(RESULTS, result);
  } finally {
    await stopBenchStack(options, stack);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
