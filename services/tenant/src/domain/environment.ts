import { APPLICATION_VERSION_PATTERN, type EnvironmentStatus, type EnvironmentType } from '@pac/contracts';
import { accept, refuse, type Decision, type DomainError } from '@pac/domain';
import { checkTenantAllows, type Tenant } from './tenant';

/** An environment of a tenant. Its name is its identity in the API, unique per tenant whatever the case. */
export interface Environment {
  id: string;
  tenantId: string;
  name: string;
  type: EnvironmentType;
  status: EnvironmentStatus;
  applicationVersion: string;
  countryCode: string;
  sourceEnvironment: string | null;
  createdAt: string;
  updatedAt: string;
  softDeletedAt: string | null;
  purgeAt: string | null;
  /** The status a soft-deleted environment goes back to when it is recovered. */
  statusBeforeDeletion: EnvironmentStatus | null;
}

export type EnvironmentError = DomainError<
  | 'name-invalid'
  | 'name-reserved'
  | 'name-taken'
  | 'application-version-invalid'
  | 'quota-exceeded'
  | 'environment-busy'
  | 'environment-soft-deleted'
  | 'environment-not-soft-deleted'
  | 'tenant-offboarded'
  | 'tenant-suspended'
>;

export type EnvironmentDecision<T> = Decision<T, EnvironmentError>;

/** Names shorter than 30 characters, starting with a letter, then letters, digits, `-` and `_` (the brief). */
export const ENVIRONMENT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,28}$/;
export const ENVIRONMENT_NAME_MAX_LENGTH = 29;

/**
 * Names refused whatever their case: the environment types (an environment named "sandbox" of type
 * production misleads), words of the API's own paths, and words that read as something other than a name.
 */
export const RESERVED_ENVIRONMENT_NAMES: readonly string[] = [
  'admin',
  'api',
  'default',
  'environment',
  'environments',
  'extensions',
  'new',
  'null',
  'operations',
  'production',
  'sandbox',
  'sandboxes',
  'system',
  'telemetry',
  'tenant',
  'updates',
];

/** How long a soft-deleted environment is kept (and can be recovered) before it is purged. */
export const SOFT_DELETE_RETENTION_DAYS = 14;
const DAY_MS = 86_400_000;

export interface EnvironmentQuotas {
  production: number;
  sandbox: number;
}

/** Checks a new name; `field` is the request field it came from (`name`, or `newName` for a rename). */
export function checkEnvironmentName(name: string, field: string): EnvironmentDecision<string> {
  if (!ENVIRONMENT_NAME_PATTERN.test(name)) {
    return refuse(
      'name-invalid',
      `${field} must be 1 to ${ENVIRONMENT_NAME_MAX_LENGTH} characters, start with a letter and contain only letters, digits, "-" and "_"`,
      field,
    );
  }
  if (RESERVED_ENVIRONMENT_NAMES.includes(name.toLowerCase())) {
    return refuse(
      'name-reserved',
      `${field} "${name}" is reserved; reserved names are ${RESERVED_ENVIRONMENT_NAMES.join(', ')}`,
      field,
    );
  }
  return accept(name);
}

/** Two names are the same environment when they differ only by case. */
export function sameEnvironmentName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export interface CreateEnvironment {
  environmentId: string;
  name: string;
  type: EnvironmentType;
  countryCode?: string;
  applicationVersion?: string;
  sourceEnvironment?: string;
}

export interface CreateEnvironmentContext {
  tenant: Pick<Tenant, 'id' | 'status' | 'countryCode'>;
  /** Every environment of the tenant not yet purged, soft-deleted ones included. */
  existing: readonly Pick<Environment, 'name' | 'type'>[];
  quotas: EnvironmentQuotas;
  defaultApplicationVersion: string;
}

/**
 * A new environment starts `preparing`; its create operation makes it `active`. Soft-deleted environments
 * count against the quota and keep their name until they are purged, so a recovery never exceeds the quota
 * nor collides with a newer environment.
 */
export function decideCreateEnvironment(
  command: CreateEnvironment,
  context: CreateEnvironmentContext,
  now: Date,
): EnvironmentDecision<Environment> {
  const allowed = checkTenantAllows(context.tenant, 'environments');
  if (!allowed.ok) return allowed;
  const name = checkEnvironmentName(command.name, 'name');
  if (!name.ok) return name;
  const applicationVersion = command.applicationVersion ?? context.defaultApplicationVersion;
  if (!APPLICATION_VERSION_PATTERN.test(applicationVersion)) {
    return refuse(
      'application-version-invalid',
      'applicationVersion must be "major.minor", e.g. 26.0',
      'applicationVersion',
    );
  }
  if (context.existing.some((e) => sameEnvironmentName(e.name, command.name))) {
    return refuse('name-taken', `the tenant already has an environment named "${command.name}"`);
  }
  const quota = context.quotas[command.type];
  const count = context.existing.filter((e) => e.type === command.type).length;
  if (count >= quota) {
    return refuse(
      'quota-exceeded',
      `the tenant already has ${count} ${command.type} environment(s) and its quota is ${quota} ` +
        '(soft-deleted environments count until they are purged)',
    );
  }
  const at = now.toISOString();
  return accept({
    id: command.environmentId,
    tenantId: context.tenant.id,
    name: command.name,
    type: command.type,
    status: 'preparing',
    applicationVersion,
    countryCode: command.countryCode ?? context.tenant.countryCode,
    sourceEnvironment: command.sourceEnvironment ?? null,
    createdAt: at,
    updatedAt: at,
    softDeletedAt: null,
    purgeAt: null,
    statusBeforeDeletion: null,
  });
}

/** The create operation's end: a preparing environment becomes active. */
export function completePreparation(
  environment: Environment,
  now: Date,
): Decision<Environment, DomainError<'environment-not-preparing'>> {
  if (environment.status !== 'preparing') {
    return refuse('environment-not-preparing', `the environment is ${environment.status}, not preparing`);
  }
  return accept({ ...environment, status: 'active', updatedAt: now.toISOString() });
}

/** Changes (rename, delete, extensions) need an environment that is settled: active or failed. */
export function checkEnvironmentSettled(
  environment: Environment,
): Decision<true, DomainError<'environment-busy' | 'environment-soft-deleted'>> {
  if (environment.status === 'soft-deleted') {
    return refuse(
      'environment-soft-deleted',
      `the environment "${environment.name}" is soft-deleted: recover it first`,
    );
  }
  if (environment.status === 'preparing' || environment.status === 'updating') {
    return refuse(
      'environment-busy',
      `the environment "${environment.name}" is ${environment.status}: wait until its operation completes`,
    );
  }
  return accept(true);
}

/** Soft delete: kept (and recoverable) for SOFT_DELETE_RETENTION_DAYS, then purged by the clock. */
export function decideSoftDelete(
  tenant: Pick<Tenant, 'status'>,
  environment: Environment,
  now: Date,
): EnvironmentDecision<Environment> {
  const allowed = checkTenantAllows(tenant, 'environments');
  if (!allowed.ok) return allowed;
  const settled = checkEnvironmentSettled(environment);
  if (!settled.ok) return settled;
  return accept({
    ...environment,
    status: 'soft-deleted',
    statusBeforeDeletion: environment.status,
    softDeletedAt: now.toISOString(),
    purgeAt: new Date(now.getTime() + SOFT_DELETE_RETENTION_DAYS * DAY_MS).toISOString(),
    updatedAt: now.toISOString(),
  });
}

/** Recover: a soft-deleted environment not yet purged goes back to the status it had. */
export function decideRecover(
  tenant: Pick<Tenant, 'status'>,
  environment: Environment,
  now: Date,
): EnvironmentDecision<Environment> {
  const allowed = checkTenantAllows(tenant, 'environments');
  if (!allowed.ok) return allowed;
  if (environment.status !== 'soft-deleted') {
    return refuse(
      'environment-not-soft-deleted',
      `the environment "${environment.name}" is ${environment.status}: only a soft-deleted environment can be recovered`,
    );
  }
  return accept({
    ...environment,
    status: environment.statusBeforeDeletion ?? 'active',
    statusBeforeDeletion: null,
    softDeletedAt: null,
    purgeAt: null,
    updatedAt: now.toISOString(),
  });
}

/** Rename: the new name follows the naming rules and is free in the tenant (a change of case only is allowed). */
export function decideRename(
  tenant: Pick<Tenant, 'status'>,
  environment: Environment,
  newName: string,
  others: readonly Pick<Environment, 'id' | 'name'>[],
  now: Date,
): EnvironmentDecision<Environment> {
  const allowed = checkTenantAllows(tenant, 'environments');
  if (!allowed.ok) return allowed;
  const settled = checkEnvironmentSettled(environment);
  if (!settled.ok) return settled;
  const name = checkEnvironmentName(newName, 'newName');
  if (!name.ok) return name;
  if (others.some((e) => e.id !== environment.id && sameEnvironmentName(e.name, newName))) {
    return refuse('name-taken', `the tenant already has an environment named "${newName}"`);
  }
  return accept({ ...environment, name: newName, updatedAt: now.toISOString() });
}

/** Whether the purge job removes it now. */
export function isDueForPurge(environment: Pick<Environment, 'status' | 'purgeAt'>, now: Date): boolean {
  return (
    environment.status === 'soft-deleted' &&
    environment.purgeAt !== null &&
    Date.parse(environment.purgeAt) <= now.getTime()
  );
}
