/**
 * The outbox relay alone: how fast it takes a backlog of committed events to Kafka, and what that costs in
 * CPU (this process = the relay, Postgres, Kafka). The backlog looks like the one a release leaves in the
 * lifecycle outbox (update.available for 100,000 environments: ~600-byte payloads keyed by tenant, six
 * partitions). Also: commit → on Kafka latency of single events on an idle relay.
 * Writes bench/results/relay-throughput.json.
 * Usage: npm run build && node dist/bench/relay-throughput.js [events=110000] [single=200]
 */
import {
  createServiceDataSource,
  dropServiceDatabase,
  provisionServiceDatabase,
  runMigrations,
} from '@pac/persistence';
import { createKafka, messagingTablesMigration, OutboxRelay, silentLogger } from '@pac/messaging';
import { stackUp, type RunningStack } from '@pac/stack';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuSeconds } from './process-cpu';
import { processTree } from './process-memory';
import {
  benchStackOptions,
  percentile,
  repoRoot,
  round,
  stopBenchStack,
  writeBenchResult,
} from './bench-system';

const RESULTS = path.join(repoRoot, 'bench', 'results', 'relay-throughput.json');

/** A payload shaped like update.available's. */
function payload(tenantId: string, n: number): object {
  return {
    updateId: randomUUID(),
    operationId: randomUUID(),
    tenantId,
    environmentName: `env-${n % 5}`,
    environmentType: 'production',
    currentVersion: '26.0',
    targetVersion: '26.1',
    status: 'scheduled',
    scheduledFor: new Date(Date.now() + 86_400_000).toISOString(),
    window: { from: '22:00', to: '06:00', timeZone: 'Europe/Paris' },
    availableFrom: new Date().toISOString(),
    deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    compatibility: { compatible: true, blockingExtensions: [] },
  };
}

async function main(): Promise<void> {
  const events = Number(process.argv[2] ?? 110_000);
  const singles = Number(process.argv[3] ?? 200);
  const options = benchStackOptions({ folder: '.stack-bench-relay', pgPort: 54389, kafkaPort: 19692 });
  let stack: RunningStack | undefined;
  const suffix = randomBytes(4).toString('hex');
  const schema = `relaybench_${suffix}`;
  const topic = `pac-bench.relay.${suffix}`;
  try {
    stack = await stackUp(options);
    const state = JSON.parse(readFileSync(path.join(options.dir, 'state.json'), 'utf8')) as {
      postgres?: { pid: number };
      kafka?: { pid: number };
    };
    const serviceUrl = await provisionServiceDatabase(stack.databaseUrl, schema, `pw-${suffix}`);
    const dataSource = createServiceDataSource({
      url: serviceUrl,
      schema,
      entities: [],
      migrations: [messagingTablesMigration(schema)],
    });
    await dataSource.initialize();
    await runMigrations(dataSource);
    const kafka = createKafka({ brokers: stack.kafkaBrokers, clientId: 'relay-bench', logger: silentLogger });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 6 }] });

    // The backlog: 20,000 tenants, 5 or 6 events each, in chunks of 5,000 rows per transaction.
    const tenants = Array.from({ length: Math.ceil(events / 5.5) }, () => randomUUID());
    for (let from = 0; from < events; from += 5_000) {
      const rows = [];
      for (let n = from; n < Math.min(events, from + 5_000); n += 1) {
        const tenantId = tenants[n % tenants.length]!;
        rows.push({
          event_id: randomUUID(),
          topic,
          message_key: tenantId,
          type: 'update.available',
          source: '/services/lifecycle',
          subject: `tenants/${tenantId}/environments/env-${n % 5}`,
          time: new Date().toISOString(),
          headers: {},
          payload: payload(tenantId, n),
        });
      }
      await dataSource.query(
        `INSERT INTO "${schema}".outbox (event_id, topic, message_key, type, source, subject, "time", headers, payload)
         SELECT event_id, topic, message_key, type, source, subject, "time", headers, payload
           FROM jsonb_to_recordset($1::jsonb) AS r (event_id uuid, topic text, message_key text, type text,
                source text, subject text, "time" timestamptz, headers jsonb, payload jsonb)`,
        [JSON.stringify(rows)],
      );
    }
    await dataSource.query(`VACUUM ANALYZE "${schema}".outbox`).catch(() => undefined);

    const pids = {
      relay: () => [process.pid],
      postgres: () => (state.postgres ? processTree(state.postgres.pid) : []),
      kafka: () => (state.kafka ? processTree(state.kafka.pid) : []),
    };
    const cpu = () =>
      Object.fromEntries(Object.entries(pids).map(([name, of]) => [name, cpuSeconds(of())])) as Record<
        keyof typeof pids,
        number
      >;

    // 1. The backlog.
    const loadBefore = loadavg()[0]!;
    const cpuBefore = cpu();
    const started = performance.now();
    const relay = new OutboxRelay({ dataSource, kafka, schema, logger: silentLogger });
    relay.start();
    for (;;) {
      const rows = await dataSource.query(
        `SELECT count(*)::int AS n FROM "${schema}".outbox WHERE published_at IS NULL`,
      );
      if (rows[0].n === 0) break;
      await sleep(50);
    }
    const drainMs = performance.now() - started;
    const cpuAfter = cpu();
    const loadAfter = loadavg()[0]!;
    const offsets = await admin.fetchTopicOffsets(topic);
    const onKafka = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);

    // 2. Single events on the idle relay: commit → marked published, from the database's own timestamps.
    await sleep(1_000);
    for (let i = 0; i < singles; i += 1) {
      const tenantId = tenants[i % tenants.length]!;
      await dataSource.query(
        `INSERT INTO "${schema}".outbox (event_id, topic, message_key, type, source, subject, "time", payload)
         VALUES ($1, $2, $3, 'update.available', '/services/lifecycle', $4, now(), $5::jsonb)`,
        [randomUUID(), topic, tenantId, `tenants/${tenantId}`, JSON.stringify(payload(tenantId, i))],
      );
      await sleep(20);
    }
    for (;;) {
      const rows = await dataSource.query(
        `SELECT count(*)::int AS n FROM "${schema}".outbox WHERE published_at IS NULL`,
      );
      if (rows[0].n === 0) break;
      await sleep(50);
    }
    const latencies = (
      await dataSource.query(
        `SELECT extract(epoch FROM (published_at - created_at)) * 1000 AS ms FROM "${schema}".outbox
          ORDER BY id DESC LIMIT $1`,
        [singles],
      )
    )
      .map((row: { ms: string }) => Number(row.ms))
      .sort((a: number, b: number) => a - b);
    await relay.stop();

    const result = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: cpus().length, loadAverage1m: { before: round(loadBefore), after: round(loadAfter) } },
      events,
      onKafka,
      backlog: {
        drainMs: round(drainMs),
        eventsPerSecond: Math.round((events * 1000) / drainMs),
        cpuSeconds: {
          relay: round(cpuAfter.relay - cpuBefore.relay),
          postgres: round(cpuAfter.postgres - cpuBefore.postgres),
          kafka: round(cpuAfter.kafka - cpuBefore.kafka),
        },
        relayStatus: relay.status(),
      },
      commitToPublishedMs: {
        events: singles,
        p50: round(percentile(latencies, 50)),
        p95: round(percentile(latencies, 95)),
        max: round(latencies[latencies.length - 1]!),
      },
    };
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
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
