import { accept, refuse, type Decision, type DomainError } from '@pac/domain';
import { supportsApplicationVersion } from '@pac/contracts';
import { checkEnvironmentSettled, type Environment } from './environment';
import { type Extension } from './extension';

/**
 * Applying an update the lifecycle service started (update.started), in two steps: the environment is taken
 * (`updating`), then the update is applied: every installed extension must support the target version, else
 * the environment keeps its version and the update fails naming the extensions that block it.
 */

export type UpdateStartError = DomainError<
  'environment-busy' | 'environment-soft-deleted' | 'environment-gone'
>;

/** Step 1: a settled environment (active or failed) becomes `updating`; any other cannot take it now. */
export function decideStartUpdate(
  environment: Environment | null,
  now: Date,
): Decision<Environment, UpdateStartError> {
  if (!environment) return refuse('environment-gone', 'the environment no longer exists');
  const settled = checkEnvironmentSettled(environment);
  if (!settled.ok) return settled;
  return accept({ ...environment, status: 'updating', updatedAt: now.toISOString() });
}

export type UpdateOutcome =
  | { outcome: 'succeeded'; environment: Environment; previousVersion: string }
  | { outcome: 'failed'; environment: Environment; blocking: Extension[]; reason: string };

/** Step 2: the environment is `active` again, on the target version or, if extensions block it, on its own. */
export function decideApplyUpdate(
  environment: Environment,
  extensions: readonly Extension[],
  targetVersion: string,
  now: Date,
): UpdateOutcome {
  const blocking = extensions.filter((extension) => !supportsApplicationVersion(extension, targetVersion));
  const settled = { ...environment, status: 'active' as const, updatedAt: now.toISOString() };
  if (blocking.length > 0) {
    const names = blocking.map((e) => `${e.publisher} ${e.name} ${e.version}`).join(', ');
    return {
      outcome: 'failed',
      environment: settled,
      blocking,
      reason: `${blocking.length} installed extension${blocking.length > 1 ? 's do' : ' does'} not support ${targetVersion}: ${names}`,
    };
  }
  return {
    outcome: 'succeeded',
    environment: { ...settled, applicationVersion: targetVersion },
    previousVersion: environment.applicationVersion,
  };
}
