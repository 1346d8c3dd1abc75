import type {
  EnvironmentEventData,
  EnvironmentSnapshotData,
  InstalledExtensionData,
  TenantSnapshotData,
} from '@pac/contracts';
import type { Environment } from '../domain/environment';
import type { Extension } from '../domain/extension';
import type { Tenant } from '../domain/tenant';

/** What the tenant service's events carry: the state after the change, so that no consumer calls back. */

/** The payload every tenant.* event carries: the tenant as it is after the change. */
export function tenantSnapshot(tenant: Tenant, occurredAt: Date): TenantSnapshotData {
  return {
    tenantId: tenant.id,
    partnerId: tenant.partnerId,
    name: tenant.name,
    countryCode: tenant.countryCode,
    status: tenant.status,
    tags: tenant.tags,
    contacts: tenant.contacts.map((c) => ({
      name: c.name,
      email: c.email,
      ...(c.role ? { role: c.role } : {}),
    })),
    occurredAt: occurredAt.toISOString(),
  };
}

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
