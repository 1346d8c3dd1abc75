/**
 * Issue 4 figure on the whole system (six services, real Kafka and Postgres), written to
 * bench/results/lifecycle-window-to-succeeded.json: 1,000 environments due at the same minute; from the
 * window opening (the clock moved to it) to update.succeeded for all of them (lifecycle's own outbox rows,
 * time read by Postgres), and until the 1,000 "updated" notifications are in the partner's inbox.
 * On a stack of its own, emptied first (`.stack-bench-window`). The environments are made through the API (200 customers × 3 production + 2 sandbox environments), the
 * release published and scheduled for all of them with one bulk call.
 * Usage: npm run build && node dist/bench/lifecycle-window-to-succeeded.js [customers]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { launchSystem, type RunningSystem } from '@pac/launcher';
import { stackDown, stackUp, type RunningStack } from '@pac/stack';
import { GatewayClient } from '@pac/testing';
import { Client } from 'pg';
import { cpuSeconds } from './process-cpu';
import { processTree } from './process-memory';
import {
  benchStackOptions,
  emptyBenchStack,
  forEachBounded,
  repoRoot,
  round,
  waitUntil,
} from './bench-system';

const RESULTS = path.join(repoRoot, 'bench', 'results', 'lifecycle-window-to-succeeded.json');
const ENVIRONMENTS = [
  ['prod1', 'production'],
  ['prod2', 'production'],
  ['prod3', 'production'],
  ['sandbox1', 'sandbox'],
  ['sandbox2', 'sandbox'],
] as const;
const HOUR = 3_600_000;

/** Asked every 50 ms: the times measured end when a wait ends. */
const until = (what: string, probe: () => Promise<boolean>) =>
  waitUntil(what, probe, { timeoutMs: 300_000, pauseMs: 50 });

async function main(): Promise<void> {
  const customers = Number(process.argv[2] ?? 200);
  const expected = customers * ENVIRONMENTS.length;
  const options = benchStackOptions({ folder: '.stack-bench-window', pgPort: 54389, kafkaPort: 19692 });
  let stack: RunningStack | undefined;
  let system: RunningSystem | undefined;
  let db: Client | undefined;
  try {
    await emptyBenchStack(options);
    stack = await stackUp(options);
    system = await launchSystem({
      adminDatabaseUrl: stack.databaseUrl,
      kafkaBrokers: stack.kafkaBrokers,
      smtpUrl: stack.smtpUrl,
      portBase: Number(process.env['BENCH_PORT_BASE'] ?? 3700),
      logTo: { folder: path.join(options.dir, 'logs') },
      env: {
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '1000000',
        RATE_LIMIT_BURST: '100000',
      },
    });
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    const platform = await GatewayClient.as(system.gatewayUrl, {
      partnerId: '00000000-0000-4000-8000-000000000000',
      roles: ['platform:admin'],
    });
    const created = await platform.post<{ id: string }>('/v1/partners', { name: 'Window Bench Partner' });
    const partnerId = created.body.id;
    const partner = await GatewayClient.as(system.gatewayUrl, { partnerId, roles: ['partner:admin'] });

    process.stderr.write(
      `creating ${customers} customers with ${ENVIRONMENTS.length} environments each...\n`,
    );
    const tenantIds: string[] = [];
    await forEachBounded(
      Array.from({ length: customers }, (_, i) => i),
      8,
      async (i) => {
        const tenant = await partner.post<{ id: string }>('/v1/tenants', {
          name: `Bench ${i}`,
          countryCode: 'FR',
        });
        if (tenant.status !== 201) throw new Error(`POST /v1/tenants answered ${tenant.status}`);
        tenantIds.push(tenant.body.id);
        for (const [name, type] of ENVIRONMENTS) {
          const answer = await partner.post(`/v1/tenants/${tenant.body.id}/environments`, {
            name,
            type,
            applicationVersion: '25.4',
          });
          if (answer.status !== 202) throw new Error(`creating ${name} answered ${answer.status}`);
        }
      },
    );
    const known = async () =>
      Number(
        (
          await db!.query(
            `SELECT count(*) FROM lifecycle.environments WHERE partner_id = $1 AND status = 'active'`,
            [partnerId],
          )
        ).rows[0].count,
      );
    await until('the lifecycle service to know every environment', async () => (await known()) === expected);

    const clockNow = async () =>
      new Date(
        (await platform.post<{ services: Record<string, string> }>('/v1/dev/clock', { advanceMs: 0 })).body
          .services['lifecycle']!,
      );
    const version = `26.${1 + Math.floor(Math.random() * 9998)}`;
    const published = await platform.post('/v1/releases', {
      version,
      type: 'minor',
      availableFrom: new Date((await clockNow()).getTime() - 60_000).toISOString(),
      latestSelectableDays: 30,
    });
    if (published.status !== 201) throw new Error(`POST /v1/releases answered ${published.status}`);
    const offered = async () =>
      Number(
        (
          await db!.query(
            `SELECT count(*) FROM lifecycle.updates WHERE partner_id = $1 AND target_version = $2`,
            [partnerId, version],
          )
        ).rows[0].count,
      );
    await until('the release to reach every environment', async () => (await offered()) === expected);

    // Every environment, the same minute: the opening of tomorrow evening's window (20:00 in Paris).
    const windows = await partner.get<{ nextOpensAt: string }>(
      `/v1/tenants/${tenantIds[0]}/environments/prod1/update-window`,
    );
    const opening = new Date(new Date(windows.body.nextOpensAt).getTime() + 24 * HOUR);
    const bulk = await partner.post<{ summary: Record<string, number> }>('/v1/bulk/schedule-update', {
      tenantIds: 'all',
      targetVersion: version,
      selectedDateTime: opening.toISOString(),
    });
    if (bulk.status !== 200 || bulk.body.summary['succeeded'] !== expected)
      throw new Error(`bulk schedule-update: ${bulk.status} ${JSON.stringify(bulk.body)}`);
    // Let the scheduling notifications and operations settle before the measured part.
    await until(
      'the scheduled operations',
      async () =>
        Number(
          (
            await db!.query(
              `SELECT count(*) FROM tenant.operations o JOIN tenant.tenants t ON t.id = o.tenant_id
              WHERE t.partner_id = $1 AND o.type = 'update' AND o.parameters->>'targetVersion' = $2
                AND o.parameters->>'selected' = 'true'`,
              [partnerId, version],
            )
          ).rows[0].count,
        ) === expected,
    );

    process.stderr.write(`moving the clock to the window opening, ${expected} updates due...\n`);
    const state = JSON.parse(readFileSync(path.join(options.dir, 'state.json'), 'utf8')) as {
      postgres?: { pid: number };
      kafka?: { pid: number };
    };
    const cpuOf = () => ({
      ...Object.fromEntries(system!.processes.map((p) => [p.name, cpuSeconds([p.pid!])])),
      postgres: state.postgres ? cpuSeconds(processTree(state.postgres.pid)) : 0,
      kafka: state.kafka ? cpuSeconds(processTree(state.kafka.pid)) : 0,
    });
    // What the system burns doing nothing (polls, heartbeats, clock-driven jobs), to tell the wave's own cost.
    const idleStart = cpuOf() as Record<string, number>;
    const idleSince = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const idleSeconds = (performance.now() - idleSince) / 1000;
    const idleEnd = cpuOf() as Record<string, number>;
    const idleRate = Object.fromEntries(
      Object.entries(idleEnd).map(([name, seconds]) => [
        name,
        (seconds - (idleStart[name] ?? 0)) / idleSeconds,
      ]),
    );
    const cpuBefore: Record<string, number> = cpuOf();
    const loadBefore = loadavg()[0]!;
    const [{ now: dbBefore }] = (await db.query(`SELECT clock_timestamp() AS now`)).rows;
    const started = performance.now();
    await platform.post('/v1/dev/clock', { to: new Date(opening.getTime() + 1_000).toISOString() });
    const clockMovedMs = performance.now() - started;
    const succeeded = async () =>
      Number(
        (
          await db!.query(
            `SELECT count(*) FROM lifecycle.updates WHERE partner_id = $1 AND target_version = $2 AND status = 'succeeded'`,
            [partnerId, version],
          )
        ).rows[0].count,
      );
    await until('every update to succeed', async () => (await succeeded()) === expected);
    const allSucceededMs = performance.now() - started;
    const cpuAfter: Record<string, number> = cpuOf();
    const cpuDuringWave = Object.fromEntries(
      Object.entries(cpuAfter).map(([name, seconds]) => [name, round(seconds - (cpuBefore[name] ?? 0))]),
    );
    const waveSeconds = allSucceededMs / 1000;
    const cpuAboveIdle = Object.fromEntries(
      Object.entries(cpuAfter).map(([name, seconds]) => [
        name,
        round(seconds - (cpuBefore[name] ?? 0) - (idleRate[name] ?? 0) * waveSeconds),
      ]),
    );
    const loadAfter = loadavg()[0]!;
    const timeline = (
      await db.query(
        `SELECT extract(epoch FROM max(created_at) FILTER (WHERE type = 'update.started') - $2) * 1000 AS last_started,
                extract(epoch FROM max(created_at) FILTER (WHERE type = 'update.succeeded') - $2) * 1000 AS last_succeeded,
                count(*) FILTER (WHERE type = 'update.started') AS started,
                count(*) FILTER (WHERE type = 'update.succeeded') AS succeeded
           FROM lifecycle.outbox WHERE payload->>'partnerId' = $1 AND created_at >= $2`,
        [partnerId, dbBefore],
      )
    ).rows[0];
    await until(
      'the inbox to say so',
      async () =>
        Number(
          (
            await db!.query(
              `SELECT count(*) FROM notification.notifications WHERE partner_id = $1 AND type = 'update.succeeded'`,
              [partnerId],
            )
          ).rows[0].count,
        ) === expected,
    );
    const inboxMs = performance.now() - started;
    // Where the time went, hop by hop (the database's clock, ms after the window opening): the last event of
    // each kind written to an outbox, published by its relay, and taken in by its consumer.
    const stage = async (sql: string, params: unknown[]) =>
      round(Number((await db!.query(sql, [dbBefore, ...params])).rows[0].ms));
    const lastOutbox = (schema: string, type: string, column: 'created_at' | 'published_at') =>
      stage(
        `SELECT extract(epoch FROM max(${column}) - $1) * 1000 AS ms FROM ${schema}.outbox
          WHERE type = $2 AND created_at >= $1`,
        [type],
      );
    const lastInbox = (schema: string, type: string) =>
      stage(
        `SELECT extract(epoch FROM max(processed_at) - $1) * 1000 AS ms FROM ${schema}.inbox
          WHERE type = $2 AND processed_at >= $1`,
        [type],
      );
    const stages = {
      updateStartedWritten: await lastOutbox('lifecycle', 'update.started', 'created_at'),
      updateStartedPublished: await lastOutbox('lifecycle', 'update.started', 'published_at'),
      updateStartedTakenByTenant: await lastInbox('tenant', 'update.started'),
      versionChangedWritten: await lastOutbox('tenant', 'environment.version-changed', 'created_at'),
      versionChangedPublished: await lastOutbox('tenant', 'environment.version-changed', 'published_at'),
      versionChangedTakenByLifecycle: await lastInbox('lifecycle', 'environment.version-changed'),
      updateSucceededWritten: await lastOutbox('lifecycle', 'update.succeeded', 'created_at'),
      updateSucceededPublished: await lastOutbox('lifecycle', 'update.succeeded', 'published_at'),
      updateSucceededInInbox: await lastInbox('notification', 'update.succeeded'),
    };

    const result = {
      measuredAt: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        model: cpus()[0]?.model,
        memoryGb: round(totalmem() / 2 ** 30),
        loadAverage1m: round(loadavg()[0]!),
      },
      node: process.version,
      environments: expected,
      targetMs: 10_000,
      windowOpenToAllSucceededMs: round(allSucceededMs),
      fromDatabaseClock: {
        lastUpdateStartedMs: round(Number(timeline.last_started)),
        lastUpdateSucceededMs: round(Number(timeline.last_succeeded)),
        updateStartedEvents: Number(timeline.started),
        updateSucceededEvents: Number(timeline.succeeded),
      },
      clockMoveAnsweredMs: round(clockMovedMs),
      cpuSecondsDuringWave: cpuDuringWave,
      cpuSecondsOfTheWaveItself: cpuAboveIdle,
      idleCpuSecondsPerSecond: Object.fromEntries(
        Object.entries(idleRate).map(([n, r]) => [n, round(r * 100) / 100]),
      ),
      loadAverage1m: { before: round(loadBefore), after: round(loadAfter) },
      windowOpenToAllInInboxMs: round(inboxMs),
      lastOfEachHopMs: stages,
    };
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await db?.end();
    await system?.stop();
    if (stack && (stack.startedPostgres || stack.startedKafka)) await stackDown(options);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
