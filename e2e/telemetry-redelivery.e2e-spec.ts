import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { developmentDatabasePassword, ServiceProcess } from '@pac/launcher';
import { serviceDatabaseUrl } from '@pac/persistence';
import { eventually, gatewayUrl, GatewayClient, requiredEnv } from '@pac/testing';
import { Client } from 'pg';
import {
  environmentForTelemetry,
  eventsAt,
  sendTelemetry,
  telemetryKey,
  telemetryNow,
} from './support/telemetry';

jest.setTimeout(180_000);

const TENANTS = 6;
const BATCHES_PER_TENANT = 40;
const EVENTS_PER_BATCH = 250;

/**
 * Redelivered batches store no duplicates: a second telemetry instance shares the ingest partitions with the
 * test system's, and is killed (SIGKILL) in the middle of a stream of batches, then restarted. Whatever it
 * had stored without committing its offsets is delivered again (to the other instance, then to it): every
 * accepted event must be stored exactly once.
 */
describe('telemetry ingestion: a telemetry instance killed mid-stream', () => {
  let extra: ServiceProcess | undefined;

  afterAll(async () => {
    await extra?.stop();
  });

  it('stores every accepted event exactly once', async () => {
    const platform = await GatewayClient.as(gatewayUrl(), {
      partnerId: randomUUID(),
      roles: ['platform:admin'],
    });
    const partnerId = (await platform.post<{ id: string }>('/v1/partners', { name: 'Redelivery' })).body.id;
    const partner = await GatewayClient.as(gatewayUrl(), { partnerId, roles: ['partner:admin'] });
    const sources: Array<{ tenantId: string; key: string }> = [];
    for (let t = 0; t < TENANTS; t += 1) {
      const tenantId = (
        await partner.post<{ id: string }>('/v1/tenants', { name: `Redelivery ${t}`, countryCode: 'FR' })
      ).body.id;
      await environmentForTelemetry(partner, tenantId, 'Main');
      sources.push({ tenantId, key: await telemetryKey(partner, tenantId, 'Main') });
    }

    extra = await startTelemetryInstance();
    const at = await telemetryNow();
    let sent = 0;
    const send = async (batch: number) => {
      await Promise.all(
        sources.map(async ({ key }) => {
          const events = eventsAt(at, EVENTS_PER_BATCH, { eventId: 'REDELIVER', message: `b${batch}` }).map(
            (event, i) => ({ ...event, message: `batch ${batch} event ${i}` }),
          );
          const answer = await sendTelemetry(key, events);
          if (answer.status !== 202)
            throw new Error(`batch ${batch}: ${answer.status} ${JSON.stringify(answer.body)}`);
          sent += EVENTS_PER_BATCH;
        }),
      );
    };
    for (let batch = 0; batch < BATCHES_PER_TENANT / 2; batch += 1) await send(batch);
    // Mid-stream, with the second instance storing its share: killed, then started again.
    await eventually(storedCount(sources), (count) => count > 0, { timeoutMs: 30_000 });
    await extra.kill();
    for (let batch = BATCHES_PER_TENANT / 2; batch < BATCHES_PER_TENANT; batch += 1) {
      await send(batch);
      if (batch === (BATCHES_PER_TENANT * 3) / 4) extra = await startTelemetryInstance();
    }

    expect(sent).toBe(TENANTS * BATCHES_PER_TENANT * EVENTS_PER_BATCH);
    const count = await eventually(storedCount(sources), (stored) => stored >= sent, { timeoutMs: 90_000 });
    expect(count).toBe(sent);
    // And no event twice: each (tenant, message) once.
    expect(await distinctCount(sources)).toBe(sent);
  });
});

async function startTelemetryInstance(): Promise<ServiceProcess> {
  const port = Number(new URL(requiredEnv('TELEMETRY_URL')).port) + 20;
  // The same time as the test system's telemetry service (whose clock other suites moved).
  const offset = (await telemetryNow()).getTime() - Date.now();
  const instance = ServiceProcess.start({
    name: 'telemetry',
    port,
    distDir: path.resolve(__dirname, '..', 'dist'),
    logTo: { folder: process.env['TEST_LOG_DIR'] ?? path.resolve(__dirname, '..', '.stack-test', 'logs') },
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info',
      CLOCK_OFFSET_MS: String(Math.max(0, offset)),
      KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
      DATABASE_URL: serviceDatabaseUrl(
        requiredEnv('DATABASE_URL'),
        'telemetry',
        developmentDatabasePassword('telemetry'),
      ),
    },
  });
  await instance.waitUntilReady();
  return instance;
}

function storedCount(sources: Array<{ tenantId: string }>): () => Promise<number> {
  return () =>
    query(
      `SELECT count(*)::int AS n FROM telemetry.telemetry WHERE tenant_id = ANY($1::uuid[]) AND event_id = 'REDELIVER'`,
      sources,
    );
}

function distinctCount(sources: Array<{ tenantId: string }>): Promise<number> {
  return query(
    `SELECT count(DISTINCT (tenant_id, message))::int AS n FROM telemetry.telemetry
      WHERE tenant_id = ANY($1::uuid[]) AND event_id = 'REDELIVER'`,
    sources,
  );
}

async function query(sql: string, sources: Array<{ tenantId: string }>): Promise<number> {
  const db = new Client({ connectionString: requiredEnv('DATABASE_URL') });
  await db.connect();
  try {
    const { rows } = await db.query<{ n: number }>(sql, [sources.map((s) => s.tenantId)]);
    return rows[0]!.n;
  } finally {
    await db.end();
  }
}
