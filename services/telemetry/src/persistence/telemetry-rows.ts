import type { TelemetryEventInput } from '@pac/contracts';
import type { EntityManager } from 'typeorm';
import { dayOf } from '../domain/telemetry-retention';
import type { TelemetryRow } from '../domain/telemetry-row';
import { ensurePartitions } from './telemetry-partitions';
import { TelemetryRowEntity } from './telemetry-row.entity';

/** The telemetry rows' writes, inside the caller's transaction (`manager`). */

export async function insertTelemetryRow(manager: EntityManager, row: TelemetryRow): Promise<void> {
  await ensurePartitions(manager, [dayOf(new Date(row.timestamp))]);
  await manager.getRepository(TelemetryRowEntity).insert(TelemetryRowEntity.fromDomain(row));
}

/**
 * One environment's events in one multi-row statement: the events go to Postgres as one JSON parameter,
 * which it reads with json_to_recordset (no per-row parameters, no per-value escaping here), and each row
 * gets a new uuid. The caller has dropped what cannot be stored (unstorableTimestamp).
 */
export async function insertTelemetryEvents(
  manager: EntityManager,
  source: { tenantId: string; partnerId: string; environmentName: string },
  events: readonly TelemetryEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  const days = new Set<string>();
  for (const event of events) days.add(dayOf(Date.parse(event.timestamp)));
  await ensurePartitions(manager, days);
  await manager.query(
    `INSERT INTO telemetry (id, partner_id, tenant_id, environment_name, "timestamp", severity, event_id, message, dimensions)
     SELECT gen_random_uuid(), $1, $2, $3, e."timestamp", e.severity, e."eventId", e.message, coalesce(e.dimensions, '{}')
       FROM json_to_recordset($4::json)
         AS e ("timestamp" timestamptz, severity text, "eventId" text, message text, dimensions jsonb)`,
    [source.partnerId, source.tenantId, source.environmentName, JSON.stringify(events)],
  );
}
