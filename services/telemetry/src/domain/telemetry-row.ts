import type { TelemetrySeverity } from '@pac/contracts';

/** What a telemetry row says: how severe, which event, its message and its dimensions. */
export interface TelemetryRecord {
  severity: TelemetrySeverity;
  eventId: string;
  message: string;
  dimensions: Record<string, unknown>;
}

/** One row of a customer's telemetry: emitted by one of its environments, or a lifecycle event about it. */
export interface TelemetryRow extends TelemetryRecord {
  id: string;
  partnerId: string;
  tenantId: string;
  environmentName: string | null;
  timestamp: string;
}
