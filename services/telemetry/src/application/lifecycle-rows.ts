import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { TelemetryRecord } from '../domain/telemetry-row';
import { insertTelemetryRow } from '../persistence/telemetry-rows';

/** A lifecycle event recorded as a telemetry row of its tenant (and environment), at the event's time. */
export async function recordLifecycleRow(
  manager: EntityManager,
  source: { tenantId: string; partnerId: string; environmentName: string | null; timestamp: string },
  record: TelemetryRecord,
): Promise<void> {
  await insertTelemetryRow(manager, { id: randomUUID(), ...source, ...record });
}
