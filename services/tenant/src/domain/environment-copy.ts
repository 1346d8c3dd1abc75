import type { EnvironmentType } from '@pac/contracts';
import { accept, refuse, type Decision, type DomainError } from '@pac/domain';
import {
  checkEnvironmentName,
  checkEnvironmentSettled,
  decideCreateEnvironment,
  sameEnvironmentName,
  type CreateEnvironmentContext,
  type Environment,
  type EnvironmentError,
} from './environment';

export type CopyError = EnvironmentError | DomainError<'refresh-target-invalid' | 'environment-not-a-copy'>;

export interface CopyEnvironment {
  environmentId: string;
  /** The target's name (the reference's `environmentName`). */
  environmentName: string;
  type: EnvironmentType;
  /** Copy again into an existing sandbox copied from the same source (its content is replaced). */
  refresh: boolean;
}

export interface CopyContext extends Omit<CreateEnvironmentContext, 'defaultApplicationVersion'> {
  source: Environment;
  /** Every environment of the tenant not yet purged (the source among them). */
  existing: readonly Environment[];
}

/** The new environment, and the one it replaces when it is a refresh (removed at once, nothing kept). */
export interface EnvironmentCopy {
  environment: Environment;
  replaces: Environment | null;
}

/**
 * A copy is a new environment with the source's version and country (its extensions are copied with it),
 * `sourceEnvironment` set and created now (the copy time). The target name must be free, unless it is a
 * refresh: then it must be a sandbox copied from the same source, which the copy replaces under the same
 * name (its place in the quota passes to the new copy). The quota applies as for a creation.
 */
export function decideCopyEnvironment(
  command: CopyEnvironment,
  context: CopyContext,
  now: Date,
): Decision<EnvironmentCopy, CopyError> {
  const settled = checkEnvironmentSettled(context.source);
  if (!settled.ok) return settled;
  const name = checkEnvironmentName(command.environmentName, 'environmentName');
  if (!name.ok) return name;
  const target = context.existing.find((e) => sameEnvironmentName(e.name, command.environmentName));
  if (target && !command.refresh) {
    return refuse(
      'name-taken',
      `the tenant already has an environment named "${command.environmentName}": copy again into it with ` +
        'refresh: true (only a sandbox copied from the same source)',
      'environmentName',
    );
  }
  if (command.refresh) {
    const refreshable = checkRefreshTarget(target, context.source, command.type);
    if (!refreshable.ok) return refreshable;
  }
  const others = target ? context.existing.filter((e) => e.id !== target.id) : context.existing;
  const created = decideCreateEnvironment(
    {
      environmentId: command.environmentId,
      name: command.environmentName,
      type: command.type,
      countryCode: context.source.countryCode,
      applicationVersion: context.source.applicationVersion,
      sourceEnvironment: context.source.name,
    },
    { ...context, existing: others, defaultApplicationVersion: context.source.applicationVersion },
    now,
  );
  if (!created.ok) return created;
  return accept({ environment: created.value, replaces: target ?? null });
}

function checkRefreshTarget(
  target: Environment | undefined,
  source: Environment,
  type: EnvironmentType,
): Decision<true, CopyError> {
  if (!target) {
    return refuse(
      'refresh-target-invalid',
      'refresh needs an existing environment to copy into',
      'environmentName',
    );
  }
  if (target.id === source.id) {
    return refuse(
      'refresh-target-invalid',
      'an environment cannot be refreshed from itself',
      'environmentName',
    );
  }
  if (target.type !== 'sandbox' || type !== 'sandbox') {
    return refuse('refresh-target-invalid', 'only a sandbox is refreshed: a production is never overwritten');
  }
  if (!target.sourceEnvironment || !sameEnvironmentName(target.sourceEnvironment, source.name)) {
    return refuse(
      'refresh-target-invalid',
      `"${target.name}" was not copied from "${source.name}": only a copy of the same source is refreshed`,
    );
  }
  const settled = checkEnvironmentSettled(target);
  if (!settled.ok) return settled;
  return accept(true);
}

/**
 * A copy withdrawn (a sandbox saga compensating): removed at once, with no retention, since nobody asked to
 * keep it. Only a sandbox that is a copy; not while another operation is changing it.
 */
export function decideWithdrawCopy(environment: Environment): Decision<Environment, CopyError> {
  if (environment.type !== 'sandbox' || !environment.sourceEnvironment) {
    return refuse('environment-not-a-copy', `"${environment.name}" is not a sandbox copy: delete it instead`);
  }
  if (environment.status === 'soft-deleted') {
    return refuse('environment-soft-deleted', `"${environment.name}" is soft-deleted`);
  }
  return accept(environment);
}
