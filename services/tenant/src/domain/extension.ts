import {
  APPLICATION_VERSION_PATTERN,
  compareApplicationVersions,
  supportsApplicationVersion,
} from '@pac/contracts';
import { accept, refuse, type Decision, type DomainError } from '@pac/domain';
import { checkEnvironmentSettled, type Environment } from './environment';
import { checkTenantAllows, type Tenant } from './tenant';

/** An extension (ISV add-on or customisation) installed in one environment. */
export interface Extension {
  id: string;
  environmentId: string;
  publisher: string;
  name: string;
  /** The extension's own version, e.g. 1.2.3.4 or 2.0.1-beta.1. */
  version: string;
  /** Lowest application version it supports, "major.minor". */
  minVersion: string;
  /** Highest application version it supports, "major.minor"; none: every later version. */
  maxVersion: string | null;
  installedAt: string;
}

/**
 * An extension's own version: two to four dot-separated numbers (1.2, 1.2.3 as semver, 1.2.3.4 as the
 * reference's app versions), then optionally a semver pre-release and build (`-beta.1`, `+build.5`).
 */
export const EXTENSION_VERSION_PATTERN =
  /^\d{1,9}(\.\d{1,9}){1,3}(-[0-9A-Za-z]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z]+(\.[0-9A-Za-z-]+)*)?$/;

export type ExtensionError = DomainError<
  | 'version-invalid'
  | 'min-version-invalid'
  | 'max-version-invalid'
  | 'max-version-below-min'
  | 'extension-already-installed'
  | 'extension-incompatible'
  | 'extension-not-found'
  | 'environment-busy'
  | 'environment-soft-deleted'
  | 'tenant-offboarded'
  | 'tenant-suspended'
>;

export type ExtensionDecision<T> = Decision<T, ExtensionError>;

export interface InstallExtension {
  extensionId: string;
  publisher: string;
  name: string;
  version: string;
  minVersion: string;
  maxVersion?: string;
}

function sameExtension(a: Pick<Extension, 'publisher' | 'name'>, b: Pick<Extension, 'publisher' | 'name'>) {
  return (
    a.publisher.toLowerCase() === b.publisher.toLowerCase() && a.name.toLowerCase() === b.name.toLowerCase()
  );
}

/**
 * Installs an extension in a settled environment (active or failed). One version of an extension
 * (publisher + name, whatever the case) per environment: installing another version means uninstalling the
 * first. The extension must support the environment's current application version.
 */
export function decideInstallExtension(
  tenant: Pick<Tenant, 'status'>,
  environment: Environment,
  installed: readonly Extension[],
  command: InstallExtension,
  now: Date,
): ExtensionDecision<Extension> {
  const allowed = checkTenantAllows(tenant, 'environments');
  if (!allowed.ok) return allowed;
  const settled = checkEnvironmentSettled(environment);
  if (!settled.ok) return settled;
  if (!EXTENSION_VERSION_PATTERN.test(command.version)) {
    return refuse(
      'version-invalid',
      'version must be 2 to 4 dot-separated numbers with an optional semver suffix, e.g. 1.2.3.4 or 2.0.1-beta.1',
      'version',
    );
  }
  if (!APPLICATION_VERSION_PATTERN.test(command.minVersion)) {
    return refuse('min-version-invalid', 'minVersion must be "major.minor", e.g. 26.0', 'minVersion');
  }
  if (command.maxVersion !== undefined) {
    if (!APPLICATION_VERSION_PATTERN.test(command.maxVersion)) {
      return refuse('max-version-invalid', 'maxVersion must be "major.minor", e.g. 27.5', 'maxVersion');
    }
    if (compareApplicationVersions(command.maxVersion, command.minVersion) < 0) {
      return refuse('max-version-below-min', 'maxVersion must not be lower than minVersion', 'maxVersion');
    }
  }
  const extension: Extension = {
    id: command.extensionId,
    environmentId: environment.id,
    publisher: command.publisher.trim(),
    name: command.name.trim(),
    version: command.version,
    minVersion: command.minVersion,
    maxVersion: command.maxVersion ?? null,
    installedAt: now.toISOString(),
  };
  const existing = installed.find((e) => sameExtension(e, extension));
  if (existing) {
    return refuse(
      'extension-already-installed',
      `${existing.publisher} ${existing.name} ${existing.version} is already installed in "${environment.name}": uninstall it first`,
    );
  }
  if (!supportsApplicationVersion(extension, environment.applicationVersion)) {
    return refuse(
      'extension-incompatible',
      `${extension.publisher} ${extension.name} supports application versions ${extension.minVersion} to ` +
        `${extension.maxVersion ?? 'any later'}; "${environment.name}" runs ${environment.applicationVersion}`,
    );
  }
  return accept(extension);
}

/** Uninstalls one of the environment's extensions. */
export function decideUninstallExtension(
  tenant: Pick<Tenant, 'status'>,
  environment: Environment,
  installed: readonly Extension[],
  extensionId: string,
): ExtensionDecision<Extension> {
  const allowed = checkTenantAllows(tenant, 'environments');
  if (!allowed.ok) return allowed;
  const extension = installed.find((e) => e.id === extensionId);
  if (!extension) {
    return refuse('extension-not-found', `no extension ${extensionId} in "${environment.name}"`);
  }
  const settled = checkEnvironmentSettled(environment);
  if (!settled.ok) return settled;
  return accept(extension);
}
