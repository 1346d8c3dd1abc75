import { IsArray, IsISO8601, IsString, IsUUID, Length } from 'class-validator';
import { defineEvent, KeptAsParsed } from '../event-definition';
import { Topics } from '../topics';
import type { TelemetryEventInput } from './telemetry-event';

/**
 * `admin-center.internal.telemetry-ingest` (internal, may change freely): one accepted request's events, as the
 * gateway produced them once Kafka acknowledged them (acks from all in-sync replicas), keyed by the tenant id,
 * subject `tenants/<tenantId>/environments/<name>`. The `ce_id` names the batch: the telemetry service stores
 * a batch once whatever the redeliveries. The events passed `checkTelemetryBatch` at the gateway; the
 * telemetry service checks them again (a message it cannot read goes to the dead-letter topic).
 */
export class TelemetryBatchReceivedData {
  @IsUUID() tenantId!: string;
  @IsUUID() partnerId!: string;
  @IsString() @Length(1, 30) environmentName!: string;
  /** The ingestion key that sent it. */
  @IsUUID() keyId!: string;
  @IsISO8601() receivedAt!: string;
  /** 1 to 1,000 events (TelemetryEventInput: timestamp, severity, eventId, message, dimensions?). */
  @IsArray() @KeptAsParsed() events!: TelemetryEventInput[];
}

export const TelemetryBatchReceived = defineEvent(
  'telemetry.batch-received',
  Topics.telemetryIngest,
  TelemetryBatchReceivedData,
);
