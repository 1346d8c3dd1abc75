import type { EntityManager } from 'typeorm';
import type { TelemetryRow } from '../domain/telemetry-row';
import { TelemetryRowEntity } from './telemetry-row.entity';

/** The telemetry rows' reads and writes, inside the caller's transaction (`manager`). */

export async function insertTelemetryRow(manager: EntityManager, row: TelemetryRow): Promise<void> {
  await manager.getRepository(TelemetryRowEntity).insert(TelemetryRowEntity.fromDomain(row));
}
