import type {
  EnvironmentEventData,
  EnvironmentRenamedData,
  EnvironmentVersionChangedData,
  TenantSnapshotData,
  UpdateEventData,
  UpdateFailedData,
  UpdateMissedData,
} from '@pac/contracts';
import type { TelemetryRecord } from './telemetry-row';

/**
 * Lifecycle events are recorded in the customer's telemetry beside what its environments emit, as the
 * reference admin center does, so one search shows both. Event ids of lifecycle rows start with "LC".
 */
export const LIFECYCLE_EVENT_IDS = {
  tenantOnboarded: 'LC0001',
  environmentCreated: 'LC0010',
  environmentRenamed: 'LC0011',
  environmentSoftDeleted: 'LC0012',
  environmentRecovered: 'LC0013',
  environmentPurged: 'LC0014',
  environmentVersionChanged: 'LC0015',
  updateStarted: 'LC0021',
  updateSucceeded: 'LC0022',
  updateFailed: 'LC0023',
  updateMissed: 'LC0024',
} as const;

export function tenantOnboardedRecord(tenant: TenantSnapshotData): TelemetryRecord {
  return {
    severity: 'info',
    eventId: LIFECYCLE_EVENT_IDS.tenantOnboarded,
    message: `Tenant ${tenant.name} onboarded`,
    dimensions: { category: 'lifecycle', countryCode: tenant.countryCode, tags: tenant.tags },
  };
}

/** What every environment row says about the environment. */
function environmentDimensions(data: EnvironmentEventData): Record<string, unknown> {
  return {
    category: 'lifecycle',
    environmentType: data.environment.type,
    applicationVersion: data.environment.applicationVersion,
  };
}

export function environmentCreatedRecord(data: EnvironmentEventData): TelemetryRecord {
  const { name, type, applicationVersion } = data.environment;
  return {
    severity: 'info',
    eventId: LIFECYCLE_EVENT_IDS.environmentCreated,
    message: `Environment ${name} (${type}) created on version ${applicationVersion}`,
    dimensions: environmentDimensions(data),
  };
}

export function environmentRenamedRecord(data: EnvironmentRenamedData): TelemetryRecord {
  return {
    severity: 'info',
    eventId: LIFECYCLE_EVENT_IDS.environmentRenamed,
    message: `Environment ${data.previousName} renamed ${data.environment.name}`,
    dimensions: { ...environmentDimensions(data), previousName: data.previousName },
  };
}

export function environmentSoftDeletedRecord(data: EnvironmentEventData): TelemetryRecord {
  return {
    severity: 'warning',
    eventId: LIFECYCLE_EVENT_IDS.environmentSoftDeleted,
    message: `Environment ${data.environment.name} deleted (recoverable for 14 days)`,
    dimensions: environmentDimensions(data),
  };
}

export function environmentRecoveredRecord(data: EnvironmentEventData): TelemetryRecord {
  return {
    severity: 'info',
    eventId: LIFECYCLE_EVENT_IDS.environmentRecovered,
    message: `Environment ${data.environment.name} recovered`,
    dimensions: environmentDimensions(data),
  };
}

export function environmentPurgedRecord(data: EnvironmentEventData): TelemetryRecord {
  return {
    severity: 'warning',
    eventId: LIFECYCLE_EVENT_IDS.environmentPurged,
    message: `Environment ${data.environment.name} deleted for good`,
    dimensions: environmentDimensions(data),
  };
}

export function environmentVersionChangedRecord(data: EnvironmentVersionChangedData): TelemetryRecord {
  return {
    severity: 'info',
    eventId: LIFECYCLE_EVENT_IDS.environmentVersionChanged,
    message: `Environment ${data.environment.name} moved from ${data.previousVersion} to ${data.environment.applicationVersion}`,
    dimensions: { ...environmentDimensions(data), previousVersion: data.previousVersion },
  };
}

function updateDimensions(data: UpdateEventData): Record<string, unknown> {
  return {
    category: 'lifecycle',
    updateId: data.updateId,
    operationId: data.operationId,
    targetVersion: data.targetVersion,
    currentVersion: data.currentVersion,
  };
}

export function updateStartedRecord(data: UpdateEventData): TelemetryRecord {
  return {
    severity: 'info',
    eventId: LIFECYCLE_EVENT_IDS.updateStarted,
    message: `Update of ${data.environmentName} to ${data.targetVersion} started`,
    dimensions: updateDimensions(data),
  };
}

export function updateSucceededRecord(data: UpdateEventData): TelemetryRecord {
  return {
    severity: 'info',
    eventId: LIFECYCLE_EVENT_IDS.updateSucceeded,
    message: `Update of ${data.environmentName} to ${data.targetVersion} succeeded`,
    dimensions: updateDimensions(data),
  };
}

export function updateFailedRecord(data: UpdateFailedData): TelemetryRecord {
  return {
    severity: 'error',
    eventId: LIFECYCLE_EVENT_IDS.updateFailed,
    message: `Update of ${data.environmentName} to ${data.targetVersion} failed: ${data.reason}`,
    dimensions: {
      ...updateDimensions(data),
      blockingExtensions: data.blockingExtensions.map((e) => `${e.publisher} ${e.name} ${e.version}`),
    },
  };
}

export function updateMissedRecord(data: UpdateMissedData): TelemetryRecord {
  return {
    severity: 'warning',
    eventId: LIFECYCLE_EVENT_IDS.updateMissed,
    message: `Update of ${data.environmentName} to ${data.targetVersion} missed its window (${data.reason}); moved to the next one`,
    dimensions: { ...updateDimensions(data), reason: data.reason },
  };
}

/** The lifecycle row of each environment event the telemetry records, by event type. */
export const ENVIRONMENT_EVENT_RECORDS: Record<string, (data: EnvironmentEventData) => TelemetryRecord> = {
  'environment.created': environmentCreatedRecord,
  'environment.renamed': (data) => environmentRenamedRecord(data as EnvironmentRenamedData),
  'environment.soft-deleted': environmentSoftDeletedRecord,
  'environment.recovered': environmentRecoveredRecord,
  'environment.purged': environmentPurgedRecord,
  'environment.version-changed': (data) =>
    environmentVersionChangedRecord(data as EnvironmentVersionChangedData),
};

/** The lifecycle row of each update event the telemetry records, by event type. */
export const UPDATE_EVENT_RECORDS: Record<string, (data: UpdateEventData) => TelemetryRecord> = {
  'update.started': updateStartedRecord,
  'update.succeeded': updateSucceededRecord,
  'update.failed': (data) => updateFailedRecord(data as UpdateFailedData),
  'update.missed': (data) => updateMissedRecord(data as UpdateMissedData),
};
