import type { TenantSnapshotData } from '@pac/contracts';
import type { TelemetryRecord } from './telemetry-row';

/**
 * Lifecycle events are recorded in the customer's telemetry beside what its environments emit, as the
 * reference admin center does, so one search shows both. Event ids of lifecycle rows start with "LC".
 */
export const LIFECYCLE_EVENT_IDS = {
  tenantOnboarded: 'LC0001',
} as const;

export function tenantOnboardedRecord(tenant: TenantSnapshotData): TelemetryRecord {
  return {
    severity: 'info',
    eventId: LIFECYCLE_EVENT_IDS.tenantOnboarded,
    message: `Tenant ${tenant.name} onboarded`,
    dimensions: { category: 'lifecycle', countryCode: tenant.countryCode, tags: tenant.tags },
  };
}
