import type { EnvironmentEventData, EnvironmentSnapshotData, InstalledExtensionData } from '@pac/contracts';
import type { Environment } from './domain/environment';
import type { Extension } from './domain/extension';

/** The environment as every environment.* and extension.* event carries it: after the change, with its extensions. */
export function environmentSnapshot(
  environment: Environment,
  extensions: Extension[],
): EnvironmentSnapshotData {
  return {
    name: environment.name,
    type: environment.type,
    status: environment.status,
    applicationVersion: environment.applicationVersion,
    countryCode: environment.countryCode,
    ...(environment.sourceEnvironment ? { sourceEnvironment: environment.sourceEnvironment } : {}),
    extensions: extensions.map(extensionSnapshot),
  };
}

/** An extension as the events carry it (in an environment's snapshot, or as one blocking an update). */
export function extensionSnapshot(extension: Extension): InstalledExtensionData {
  return {
    extensionId: extension.id,
    publisher: extension.publisher,
    name: extension.name,
    version: extension.version,
    minVersion: extension.minVersion,
    ...(extension.maxVersion ? { maxVersion: extension.maxVersion } : {}),
  };
}

/** The common part of every environment.* and extension.* payload. */
export function environmentEventData(
  partnerId: string,
  environment: Environment,
  extensions: Extension[],
  occurredAt: Date,
): EnvironmentEventData {
  return {
    tenantId: environment.tenantId,
    partnerId,
    environment: environmentSnapshot(environment, extensions),
    occurredAt: occurredAt.toISOString(),
  };
}
