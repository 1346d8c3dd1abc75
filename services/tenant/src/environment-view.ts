import type { Environment } from './domain/environment';
import type { Extension } from './domain/extension';

/** An environment as the API shows it (api.md): identified by its name within its tenant. */
export interface EnvironmentView {
  name: string;
  tenantId: string;
  type: Environment['type'];
  status: Environment['status'];
  applicationVersion: string;
  countryCode: string;
  sourceEnvironment: string | null;
  createdAt: string;
  updatedAt: string;
  softDeletedAt: string | null;
  purgeAt: string | null;
}

export function environmentView(environment: Environment): EnvironmentView {
  return {
    name: environment.name,
    tenantId: environment.tenantId,
    type: environment.type,
    status: environment.status,
    applicationVersion: environment.applicationVersion,
    countryCode: environment.countryCode,
    sourceEnvironment: environment.sourceEnvironment,
    createdAt: environment.createdAt,
    updatedAt: environment.updatedAt,
    softDeletedAt: environment.softDeletedAt,
    purgeAt: environment.purgeAt,
  };
}

export interface ExtensionView {
  id: string;
  environmentName: string;
  publisher: string;
  name: string;
  version: string;
  minVersion: string;
  maxVersion: string | null;
  installedAt: string;
}

export function extensionView(environmentName: string, extension: Extension): ExtensionView {
  return {
    id: extension.id,
    environmentName,
    publisher: extension.publisher,
    name: extension.name,
    version: extension.version,
    minVersion: extension.minVersion,
    maxVersion: extension.maxVersion,
    installedAt: extension.installedAt,
  };
}
