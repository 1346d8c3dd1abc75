import { randomUUID } from 'node:crypto';
import { eventually, gatewayUrl, GatewayClient, requiredEnv } from '@pac/testing';
import { Client } from 'pg';
import {
  environmentForTelemetry,
  eventsAt,
  sendTelemetry,
  telemetryKey,
  telemetryNow,
  telemetryRows,
} from './support/telemetry';

jest.setTimeout(120_000);

const DAY_MS = 24 * 60 * 60 * 1000;
/** The telemetry service's default TELEMETRY_RETENTION_DAYS. */
const RETENTION_DAYS = 30;

const dayStart = (instant: Date) => new Date(instant.toISOString().slice(0, 10) + 'T00:00:00.000Z');
const dayOf = (instant: Date) => instant.toISOString().slice(0, 10);

/** The days that have a partition of telemetry.telemetry, from the catalog. */
async function partitionDays(): Promise<string[]> {
  return daysOfRelations(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'telemetry.telemetry'::regclass`,
  );
}

/** The days whose partition has a valid trigram index on the message (text search). */
async function daysIndexedForSearch(): Promise<string[]> {
  return daysOfRelations(
    `SELECT t.relname AS name FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_opclass o ON o.oid = i.indclass[0]
      WHERE t.relnamespace = 'telemetry'::regnamespace AND o.opcname = 'gin_trgm_ops' AND i.indisvalid`,
  );
}

async function daysOfRelations(sql: string): Promise<string[]> {
  const db = new Client({ connectionString: requiredEnv('DATABASE_URL') });
  await db.connect();
  try {
    const { rows } = await db.query<{ name: string }>(sql);
    return rows
      .map((row) => /^telemetry_p(\d{4})(\d{2})(\d{2})$/.exec(row.name))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => `${m[1]}-${m[2]}-${m[3]}`)
      .sort();
  } finally {
    await db.end();
  }
}

/**
 * Retention on the clock: the table is partitioned by day, and when the clock moves, exactly the days whose
 * every instant is older than the retention limit are dropped, with their rows; the others stay.
 */
describe('telemetry retention', () => {
  it('drops exactly the partitions past the limit when the clock moves', async () => {
    const platform = await GatewayClient.as(gatewayUrl(), {
      partnerId: randomUUID(),
      roles: ['platform:admin'],
    });
    const partnerId = (await platform.post<{ id: string }>('/v1/partners', { name: 'Retention' })).body.id;
    const partner = await GatewayClient.as(gatewayUrl(), { partnerId, roles: ['partner:admin'] });
    const tenantId = (
      await partner.post<{ id: string }>('/v1/tenants', { name: 'Fabrikam Retention', countryCode: 'DE' })
    ).body.id;
    await environmentForTelemetry(partner, tenantId, 'Main');
    const key = await telemetryKey(partner, tenantId, 'Main');

    const now = await telemetryNow();
    const threeDaysAgo = new Date(now.getTime() - 3 * DAY_MS);
    const twoDaysAgo = new Date(now.getTime() - 2 * DAY_MS);
    const batch = [
      ...eventsAt(threeDaysAgo, 1, { eventId: 'RET3' }),
      ...eventsAt(twoDaysAgo, 1, { eventId: 'RET2' }),
      ...eventsAt(now, 1, { eventId: 'RET0' }),
    ];
    expect((await sendTelemetry(key, batch)).status).toBe(202);
    await eventually(
      () => telemetryRows(partner, tenantId, 'q=%23'),
      (rows) => rows.filter((row) => row.eventId.startsWith('RET')).length === 3,
    );
    expect(await partitionDays()).toEqual(
      expect.arrayContaining([dayOf(threeDaysAgo), dayOf(twoDaysAgo), dayOf(now)]),
    );

    // The limit after the move: noon of the day two days ago. The day three days ago ends at its midnight,
    // before the limit (dropped); the day two days ago ends after it (kept).
    const limit = new Date(dayStart(twoDaysAgo).getTime() + 12 * 3_600_000);
    const movedTo = new Date(limit.getTime() + RETENTION_DAYS * DAY_MS);
    expect((await platform.post('/v1/dev/clock', { to: movedTo.toISOString() })).status).toBe(200);

    const days = await partitionDays();
    const pastLimit = days.filter(
      (day) => new Date(`${day}T00:00:00.000Z`).getTime() + DAY_MS <= limit.getTime(),
    );
    expect(pastLimit).toEqual([]);
    expect(days).not.toContain(dayOf(threeDaysAgo));
    expect(days[0]).toBe(dayOf(twoDaysAgo));
    expect(days).toContain(dayOf(now));
    expect(days).toContain(dayOf(new Date(movedTo.getTime() + DAY_MS)));
    const left = (await telemetryRows(partner, tenantId, 'q=%23'))
      .map((row) => row.eventId)
      .filter((id) => id.startsWith('RET'));
    expect(left.sort()).toEqual(['RET0', 'RET2']);

    // The oldest day that is over got its text-search index when the clock moved; today never has one.
    const indexed = await daysIndexedForSearch();
    expect(indexed).toContain(dayOf(twoDaysAgo));
    expect(indexed).not.toContain(dayOf(movedTo));
    expect(await telemetryRows(partner, tenantId, 'q=RET2')).toHaveLength(1);
  });
});
