/**
 * Issue 4 figures at scale, on the lifecycle service alone (a real process, its own schema, real Kafka and
 * Postgres), written to bench/results/lifecycle-scale.json:
 *  1. publishing one release to 100,000 environments: from the clock reaching availableFrom to every update
 *     offered, pre-checked and its events in the outbox (the clock move answers once the job is done), then
 *     until the relay has put them all on Kafka;
 *  2. finding the due updates among 100,000 scheduled ones: the scheduler's own run time (its metric
 *     lifecycle_scheduler_last_run_seconds) on ticks with nothing due, and the whole tick seen from outside
 *     (POST /internal/clock, which runs every clock-driven job and answers after).
 * The 100,000 environments are written straight into the service's projection table (as the tenant events
 * would), 10% with an extension that blocks the release. Starts its own stack (.stack-bench-lifecycle: its
 * 110,000 events must not reach another system's consumers) on bench ports (or uses
 * DATABASE_URL / KAFKA_BROKERS) and a fresh lifecycle schema, dropped again at the end; stops what it started.
 * Usage: npm run build && node dist/bench/lifecycle-scale.js [environments]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { internalHeadersFromEnv } from '@pac/auth';
import { developmentDatabasePassword, ServiceProcess } from '@pac/launcher';
import { dropServiceDatabase, provisionServiceDatabase } from '@pac/persistence';
import { stackDown, stackUp, type RunningStack } from '@pac/stack';
import { Client } from 'pg';
import { cpuSeconds } from './process-cpu';
import { processTree } from './process-memory';
import { benchStackOptions, emptyBenchStack, percentile, repoRoot, round } from './bench-system';

const RESULTS = path.join(repoRoot, 'bench', 'results', 'lifecycle-scale.json');
const HOUR = 3_600_000;
const TICKS = 50;

async function main(): Promise<void> {
  const environments = Number(process.argv[2] ?? 100_000);
  // Its own stack by default, emptied first: the 110,000 events it publishes would reach any system run on
  // the same Kafka, and each run's would pile up on the last's.
  const options = benchStackOptions({ folder: '.stack-bench-lifecycle', pgPort: 54389, kafkaPort: 19692 });
  let stack: RunningStack | undefined;
  let lifecycle: ServiceProcess | undefined;
  const admin = () => new Client({ connectionString: stack!.databaseUrl });
  try {
    await emptyBenchStack(options);
    stack = await stackUp(options);
    await dropServiceDatabase(stack.databaseUrl, 'lifecycle');
    const url = await provisionServiceDatabase(
      stack.databaseUrl,
      'lifecycle',
      developmentDatabasePassword('lifecycle'),
    );
    const port = Number(process.env['BENCH_PORT_BASE'] ?? 3700) + 2;
    lifecycle = ServiceProcess.start({
      name: 'lifecycle',
      port,
      // The compiled tree this script belongs to (a copy of dist runs the services of that copy).
      distDir: path.resolve(__dirname, '..'),
      logTo: { folder: path.join(options.dir, 'logs') },
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        DATABASE_URL: url,
        KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      },
    });
    await lifecycle.waitUntilReady(120_000);
    const service = lifecycle.url;

    const db = admin();
    await db.connect();
    process.stderr.write(`seeding ${environments} environments...\n`);
    await db.query(
      `INSERT INTO lifecycle.environments (tenant_id, name, partner_id, type, status, application_version,
              version_key, extensions, preferred_start_time, preferred_end_time, time_zone, state_at)
       SELECT gen_random_uuid(), 'production', gen_random_uuid(), 'production', 'active', '25.4', 250004,
              CASE WHEN i % 10 = 0 THEN jsonb_build_array(jsonb_build_object(
                'extensionId', gen_random_uuid(), 'publisher', 'Contoso', 'name', 'Old Tax', 'version', '1.0.0.0',
                'minVersion', '25.0', 'maxVersion', '25.9')) ELSE '[]'::jsonb END,
              '22:00', '06:00', (ARRAY['Europe/Paris', 'America/New_York', 'Europe/London', 'UTC'])[1 + i % 4], now()
         FROM generate_series(1, $1) AS i`,
      [environments],
    );
    await db.query('ANALYZE lifecycle.environments');

    const clock = async (body: object) => {
      const answer = await fetch(`${service}/internal/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await answer.json()) as { now: string };
    };
    const now = new Date((await clock({ advanceMs: 0 })).now);
    const published = await fetch(`${service}/releases`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...internalHeadersFromEnv(process.env, {
          subject: 'bench',
          partnerId: '00000000-0000-4000-8000-000000000000',
          roles: ['platform:admin'],
        }),
      },
      body: JSON.stringify({
        version: '26.1',
        type: 'minor',
        availableFrom: new Date(now.getTime() + HOUR).toISOString(),
        latestSelectableDays: 30,
      }),
    });
    if (published.status !== 201) throw new Error(`POST /releases answered ${published.status}`);

    // 1. The release becomes available: the clock move answers once every environment has been offered.
    process.stderr.write('release available: offering it...\n');
    const outboxBefore = Number((await db.query(`SELECT count(*) FROM lifecycle.outbox`)).rows[0].count);
    const state = JSON.parse(readFileSync(path.join(options.dir, 'state.json'), 'utf8')) as {
      postgres?: { pid: number };
      kafka?: { pid: number };
    };
    const postgresPids = () => (state.postgres ? processTree(state.postgres.pid) : []);
    const kafkaPids = () => (state.kafka ? processTree(state.kafka.pid) : []);
    const cpuBefore = {
      lifecycle: cpuSeconds([lifecycle.pid!]),
      postgres: cpuSeconds(postgresPids()),
      kafka: cpuSeconds(kafkaPids()),
    };
    const loadBefore = loadavg()[0]!;
    const started = performance.now();
    await clock({ advanceMs: HOUR + 60_000 });
    const offeredMs = performance.now() - started;
    const cpuOffered = {
      lifecycleProcessS: round(cpuSeconds([lifecycle.pid!]) - cpuBefore.lifecycle),
      postgresS: round(cpuSeconds(postgresPids()) - cpuBefore.postgres),
    };
    const loadAfter = loadavg()[0]!;
    const counts = (
      await db.query(
        `SELECT (SELECT count(*) FROM lifecycle.updates)::int AS updates,
                (SELECT count(*) FROM lifecycle.outbox WHERE type = 'update.available')::int AS available,
                (SELECT count(*) FROM lifecycle.outbox WHERE type = 'update.compatibility-warning')::int AS warnings,
                (SELECT distributed_at IS NOT NULL FROM lifecycle.releases WHERE version = '26.1') AS done`,
      )
    ).rows[0];
    for (;;) {
      const waiting = Number(
        (await db.query(`SELECT count(*) FROM lifecycle.outbox WHERE published_at IS NULL`)).rows[0].count,
      );
      if (waiting === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const onKafkaMs = performance.now() - started;
    const cpuOnKafka = {
      lifecycleProcessS: round(cpuSeconds([lifecycle.pid!]) - cpuBefore.lifecycle),
      postgresS: round(cpuSeconds(postgresPids()) - cpuBefore.postgres),
      kafkaS: round(cpuSeconds(kafkaPids()) - cpuBefore.kafka),
    };
    // The relay alone, from the database's timestamps: first to last mark of the release's events.
    const relayWindow = (
      await db.query(
        `SELECT extract(epoch FROM max(published_at) - min(published_at)) * 1000 AS ms, count(*)::int AS n
           FROM lifecycle.outbox WHERE type IN ('update.available', 'update.compatibility-warning')`,
      )
    ).rows[0] as { ms: string; n: number };
    const events =
      Number((await db.query(`SELECT count(*) FROM lifecycle.outbox`)).rows[0].count) - outboxBefore;

    // 2. 100,000 scheduled updates spread over 30 days; ticks with nothing due.
    await db.query(
      `UPDATE lifecycle.updates SET scheduled_for = $1::timestamptz + random() * interval '30 days' + interval '1 day'`,
      [now],
    );
    await db.query(`UPDATE lifecycle.updates SET window_closes_at = scheduled_for + interval '8 hours'`);
    await db.query('VACUUM ANALYZE lifecycle.updates');
    const lastRunMs = async () => {
      const metrics = await (await fetch(`${service}/metrics`)).text();
      const match = /^lifecycle_scheduler_last_run_seconds ([0-9.e-]+)$/m.exec(metrics);
      return match ? Number(match[1]) * 1000 : Number.NaN;
    };
    const ticks: number[] = [];
    const runs: number[] = [];
    for (let i = 0; i < TICKS + 5; i += 1) {
      const t = performance.now();
      await clock({ advanceMs: 0 });
      if (i < 5) continue;
      ticks.push(performance.now() - t);
      runs.push(await lastRunMs());
    }
    ticks.sort((a, b) => a - b);
    runs.sort((a, b) => a - b);
    const scheduled = Number(
      (await db.query(`SELECT count(*) FROM lifecycle.updates WHERE status = 'scheduled'`)).rows[0].count,
    );
    await db.end();

    const result = {
      measuredAt: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        model: cpus()[0]?.model,
        memoryGb: round(totalmem() / 2 ** 30),
        loadAverage1m: round(loadavg()[0]!),
      },
      node: process.version,
      environments,
      releaseFanOut: {
        targetMs: 30_000,
        offeredMs: round(offeredMs),
        onKafkaMs: round(onKafkaMs),
        updates: counts.updates,
        updateAvailableEvents: counts.available,
        compatibilityWarnings: counts.warnings,
        eventsWritten: events,
        distributed: counts.done,
        cpuWhileOffering: cpuOffered,
        // From the clock move until the relay had published the last event (offering included).
        cpuUntilOnKafka: cpuOnKafka,
        relayFirstToLastMarkMs: round(Number(relayWindow.ms)),
        relayEventsPerSecond: Math.round((relayWindow.n * 1000) / Number(relayWindow.ms)),
        loadAverage1m: { before: round(loadBefore), after: round(loadAfter) },
      },
      dueScan: {
        targetMs: 50,
        scheduledUpdates: scheduled,
        ticks: TICKS,
        schedulerRunMs: {
          p50: round(percentile(runs, 50)),
          p95: round(percentile(runs, 95)),
          max: round(runs[runs.length - 1]!),
        },
        tickMs: {
          p50: round(percentile(ticks, 50)),
          p95: round(percentile(ticks, 95)),
          max: round(ticks[ticks.length - 1]!),
        },
        note:
          'schedulerRunMs: one run of the scheduler in the service (missed scan + due claim, both finding nothing), ' +
          'from lifecycle_scheduler_last_run_seconds; tickMs: the whole clock move seen from outside (HTTP, every ' +
          'clock-driven job and its cross-instance lock)',
      },
    };
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await lifecycle?.stop();
    // The 100,000 made-up environments would otherwise receive every release published on this stack later.
    if (stack) await dropServiceDatabase(stack.databaseUrl, 'lifecycle').catch(() => undefined);
    if (stack && (stack.startedPostgres || stack.startedKafka)) await stackDown(options);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
