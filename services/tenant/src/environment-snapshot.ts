import type { EnvironmentEventData, EnvironmentSnapshotData } from '@pac/contracts';
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
    extensions: extensions.map((e) => ({
      extensionId: e.id,
      publisher: e.publisher,
      name: e.name,
      version: e.version,
      minVersion: e.minVersion,
      ...(e.maxVersion ? { maxVersion: e.maxVersion } : {}),
    })),
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
