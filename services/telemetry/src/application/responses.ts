import type { IssueResponse, TelemetryKeyResponse, TelemetryRowResponse } from '@pac/http-contracts';
import type { Issue } from '../domain/issue';
import type { TelemetryKey } from '../domain/telemetry-key';
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

/** A key as lists show it: never its secret nor its hash. */
export function telemetryKeyResponse(key: TelemetryKey): TelemetryKeyResponse {
  return {
    id: key.id,
    environmentName: key.environmentName,
    keyPrefix: key.keyPrefix,
    createdBy: key.createdBy,
    createdAt: key.createdAt,
  };
}

export function issueResponse(issue: Issue): IssueResponse {
  return {
    id: issue.id,
    tenantId: issue.tenantId,
    environmentName: issue.environmentName,
    eventId: issue.eventId,
    status: issue.status,
    count: issue.count,
    firstSeenAt: issue.firstSeenAt,
    lastSeenAt: issue.lastSeenAt,
    acknowledgedAt: issue.acknowledgedAt,
    resolvedAt: issue.resolvedAt,
  };
}
