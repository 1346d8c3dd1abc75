import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TelemetryEventInput } from '@pac/contracts';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import { DAY_MS, dayOf } from '../domain/telemetry-retention';
import type { TelemetryRow } from '../domain/telemetry-row';
import { ensurePartitions } from './telemetry-partitions';
import { TelemetryRowEntity } from './telemetry-row.entity';

/** The telemetry rows' writes, inside the caller's transaction (`manager`). */

export async function insertTelemetryRow(manager: EntityManager, row: TelemetryRow): Promise<void> {
  await ensurePartitions(manager, [dayOf(new Date(row.timestamp))]);
  await manager.getRepository(TelemetryRowEntity).insert(TelemetryRowEntity.fromDomain(row));
}

/**
 * One environment's events in one COPY, inside the caller's transaction (its connection): no per-row
 * parameters nor JSON for Postgres to parse again, about twice the rows per CPU-second of Postgres that
 * json_to_recordset took (docs/benchmarks.md). Each row gets a new uuid here. The caller has dropped what
 * cannot be stored (unstorableTimestamp); checkTelemetryBatch refused NUL characters, which COPY cannot carry.
 */
export async function insertTelemetryEvents(
  manager: EntityManager,
  source: { tenantId: string; partnerId: string; environmentName: string },
  events: readonly TelemetryEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  await ensurePartitions(manager, daysOf(events));
  const runner = manager.queryRunner;
  if (!runner) throw new Error('telemetry rows are copied inside a transaction');
  const client = (await runner.connect()) as PoolClient;
  const fixed = `${source.partnerId}\t${source.tenantId}\t${copyText(source.environmentName)}\t`;
  let rows = '';
  for (const event of events) {
    rows +=
      `${randomUUID()}\t${fixed}${event.timestamp}\t${event.severity}\t${copyText(event.eventId)}\t` +
      `${copyText(event.message)}\t${copyText(JSON.stringify(event.dimensions ?? {}))}\n`;
  }
  await pipeline(
    Readable.from([rows]),
    client.query(
      copyFrom(
        `COPY telemetry (id, partner_id, tenant_id, environment_name, "timestamp", severity, event_id, message, dimensions) FROM STDIN`,
      ),
    ),
  );
}

/** The days the events fall on, one Date per distinct day rather than per event. */
function daysOf(events: readonly TelemetryEventInput[]): string[] {
  const dayNumbers = new Set<number>();
  for (const event of events) dayNumbers.add(Math.floor(Date.parse(event.timestamp) / DAY_MS));
  return [...dayNumbers].map((day) => dayOf(day * DAY_MS));
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const COPY_SPECIAL = /[\\\n\r\t]/g;

/** A value in COPY's text format: backslash, newline, carriage return and tab escaped. */
export function copyText(value: string): string {
  return value.replace(COPY_SPECIAL, (character) => COPY_ESCAPES[character]!);
}
