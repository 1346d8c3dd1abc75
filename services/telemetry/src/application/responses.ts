import type { TelemetryRowResponse } from '@pac/http-contracts';
import type { TelemetryRow } from '../domain/telemetry-row';

/** A telemetry row as the API shows it (its partner stays internal). */
export function telemetryRowResponse(row: TelemetryRow): TelemetryRowResponse {
  return {
    id: row.id,
    tenantId: row.tenantId,
    environmentName: row.environmentName,
    timestamp: row.timestamp,
    severity: row.severity,
    eventId: row.eventId,
    message: row.message,
    dimensions: row.dimensions,
  };
}
