import { APPLICATION_VERSION_PATTERN, type EnvironmentStatus, type EnvironmentType } from '@pac/contracts';
import { accept, refuse, type Decision, type DomainError } from '@pac/domain';
import { environmentsInQuota, type EnvironmentQuotas } from './quota';
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
  /** The name a soft-deleted environment had before its deletion renamed it (the name it recovers to). */
  nameBeforeDeletion: string | null;
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
  | 'original-name-taken'
  | 'tenant-offboarded'
  | 'tenant-suspended'
>;

export type EnvironmentDecision<T> = Decision<T, EnvironmentError>;

/** Names shorter than 30 characters, starting with a letter, then letters, digits, `-` and `_` (the brief). */
export const ENVIRONMENT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,28}$/;
export const ENVIRONMENT_NAME_MAX_LENGTH = 29;

/**
 * Names refused whatever their case: words of the API's own paths, and words that read as something other
 * than a name. `Production` and `Sandbox` are not among them: they are the reference's own default names
 * (docs/environments.md, names).
 */
export const RESERVED_ENVIRONMENT_NAMES: readonly string[] = [
  'admin',
  'api',
  'environment',
  'environments',
  'extensions',
  'new',
  'null',
  'operations',
  'sandboxes',
  'system',
  'telemetry',
  'tenant',
  'updates',
];

/** How long a soft-deleted environment is kept (and can be recovered) before it is purged. */
export const SOFT_DELETE_RETENTION_DAYS = 14;
const DAY_MS = 86_400_000;

/**
 * A soft delete renames the environment `<name>-yyMMddHHmmssff` (UTC, to the hundredth of a second), so that
 * its name is free at once; the name is cut so that the whole stays within the naming rules.
 */
export const DELETED_NAME_SUFFIX_LENGTH = '-yyMMddHHmmssff'.length;

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
  /** Every environment of the tenant not yet purged, soft-deleted ones included (they do not count). */
  existing: readonly Pick<Environment, 'name' | 'type' | 'status'>[];
  quotas: EnvironmentQuotas;
  defaultApplicationVersion: string;
}

/**
 * A new environment starts `preparing`; its create operation makes it `active`. Soft-deleted environments
 * do not count against the quota, and their name is free: the soft delete renamed them.
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
  const count = environmentsInQuota(context.existing)[command.type];
  if (count >= quota) {
    return refuse(
      'quota-exceeded',
      `the tenant already has ${count} ${command.type} environment(s) and its quota is ${quota} ` +
        '(soft-deleted environments do not count)',
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
    nameBeforeDeletion: null,
  });
}

/**
 * The create operation's end: a preparing environment becomes active, if its tenant may still have
 * environments (it may have been suspended or offboarded since the request). A creation refused here has
 * failed: the environment is removed at once, with no retention (docs/environments.md, failed creation).
 */
export function completePreparation(
  tenant: Pick<Tenant, 'status'>,
  environment: Environment,
  now: Date,
): Decision<
  Environment,
  DomainError<'environment-not-preparing' | 'tenant-suspended' | 'tenant-offboarded'>
> {
  if (environment.status !== 'preparing') {
    return refuse('environment-not-preparing', `the environment is ${environment.status}, not preparing`);
  }
  const allowed = checkTenantAllows(tenant, 'environments');
  if (!allowed.ok) return allowed;
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

/**
 * One change at a time: an environment with an operation scheduled or running (create, rename, soft delete,
 * recover) refuses another until it ends.
 */
export function checkNoOperationPending(
  environment: Pick<Environment, 'name'>,
  pending: { type: string; status: string } | null,
): Decision<true, DomainError<'environment-busy'>> {
  if (pending) {
    return refuse(
      'environment-busy',
      `the environment "${environment.name}" has a ${pending.type} operation ${pending.status}: wait until it ends`,
    );
  }
  return accept(true);
}

/**
 * Soft delete: renamed with the deletion time (deletedEnvironmentName), kept and recoverable for
 * SOFT_DELETE_RETENTION_DAYS, then purged by the clock. `others` are the tenant's other environments.
 */
export function decideSoftDelete(
  tenant: Pick<Tenant, 'status'>,
  environment: Environment,
  others: readonly Pick<Environment, 'id' | 'name'>[],
  now: Date,
): EnvironmentDecision<Environment> {
  const allowed = checkTenantAllows(tenant, 'environments');
  if (!allowed.ok) return allowed;
  const settled = checkEnvironmentSettled(environment);
  if (!settled.ok) return settled;
  const taken = (candidate: string) =>
    others.some((e) => e.id !== environment.id && sameEnvironmentName(e.name, candidate));
  return accept({
    ...environment,
    name: deletedEnvironmentName(environment.name, now, taken),
    nameBeforeDeletion: environment.name,
    status: 'soft-deleted',
    statusBeforeDeletion: environment.status,
    softDeletedAt: now.toISOString(),
    purgeAt: new Date(now.getTime() + SOFT_DELETE_RETENTION_DAYS * DAY_MS).toISOString(),
    updatedAt: now.toISOString(),
  });
}

/**
 * `<name>-yyMMddHHmmssff` at `at` (UTC), the name cut to leave room for the suffix. Should another
 * environment have that name already (the same cut name deleted within the same hundredth of a second),
 * the next hundredth is taken.
 */
export function deletedEnvironmentName(
  name: string,
  at: Date,
  taken: (candidate: string) => boolean,
): string {
  const base = name.slice(0, ENVIRONMENT_NAME_MAX_LENGTH - DELETED_NAME_SUFFIX_LENGTH);
  for (let hundredths = 0; ; hundredths += 1) {
    const candidate = `${base}-${deletionStamp(new Date(at.getTime() + hundredths * 10))}`;
    if (!taken(candidate)) return candidate;
  }
}

function deletionStamp(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    two(at.getUTCFullYear() % 100) +
    two(at.getUTCMonth() + 1) +
    two(at.getUTCDate()) +
    two(at.getUTCHours()) +
    two(at.getUTCMinutes()) +
    two(at.getUTCSeconds()) +
    two(Math.floor(at.getUTCMilliseconds() / 10))
  );
}

export interface RecoverEnvironment {
  /** The name to recover under; by default the name it had before its deletion. */
  newName?: string;
}

export interface RecoverContext {
  /** Every environment of the tenant not yet purged. */
  others: readonly Pick<Environment, 'id' | 'name' | 'type' | 'status'>[];
  quotas: EnvironmentQuotas;
}

/**
 * Recover: a soft-deleted environment not yet purged goes back to the status it had, under the name it had
 * before its deletion when that name is free, or under `newName` (its deleted name, `<name>-yyMMddHHmmssff`,
 * is one). If its former name has been taken meanwhile, the recovery needs a newName (409
 * original-name-taken). It must fit the quota again, except that one production environment more than the
 * quota may be recovered (the reference's exception, so that a production environment can always be
 * brought back).
 */
export function decideRecover(
  tenant: Pick<Tenant, 'status'>,
  environment: Environment,
  command: RecoverEnvironment,
  context: RecoverContext,
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
  const others = context.others.filter((e) => e.id !== environment.id);
  const taken = (candidate: string) => others.some((e) => sameEnvironmentName(e.name, candidate));
  let name: string;
  if (command.newName !== undefined) {
    if (!sameEnvironmentName(command.newName, environment.name)) {
      const valid = checkEnvironmentName(command.newName, 'newName');
      if (!valid.ok) return valid;
    }
    if (taken(command.newName)) {
      return refuse('name-taken', `the tenant already has an environment named "${command.newName}"`);
    }
    name = command.newName;
  } else {
    name = environment.nameBeforeDeletion ?? environment.name;
    if (taken(name)) {
      return refuse(
        'original-name-taken',
        `another environment is named "${name}" now: recover this one under a newName ` +
          `(its deleted name "${environment.name}", or another free name)`,
      );
    }
  }
  const used = environmentsInQuota(others)[environment.type];
  const allowedCount = context.quotas[environment.type] + (environment.type === 'production' ? 1 : 0);
  if (used >= allowedCount) {
    return refuse(
      'quota-exceeded',
      `the tenant has ${used} ${environment.type} environment(s) and its quota is ` +
        `${context.quotas[environment.type]}: delete one before recovering this one` +
        (environment.type === 'production'
          ? ' (a recovery may exceed the production quota by one only)'
          : ''),
    );
  }
  return accept({
    ...environment,
    name,
    nameBeforeDeletion: null,
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
