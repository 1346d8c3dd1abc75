import type { Outbox } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import type { Environment } from '../domain/environment';
import {
  holdWhileDeleted,
  isSupersededBy,
  recheckCompatibility,
  releaseAfterRecovery,
  skipPending,
  type UpdateChange,
} from '../domain/update';
import { pendingUpdatesOf } from '../persistence/updates';
import { saveAndAnnounce } from './update-events';

/**
 * Pending updates that no longer make sense end: those not newer than the environment's version are skipped
 * (`superseded`), or all of them when the environment is gone (`environment-purged`).
 */
export async function skipPendingUpdates(
  manager: EntityManager,
  outbox: Outbox,
  environment: Environment,
  reason: 'superseded' | 'environment-purged',
  now: Date,
): Promise<void> {
  const pending = await pendingUpdatesOf(manager, environment.tenantId, environment.name);
  const changes = pending
    .filter(
      (update) => reason === 'environment-purged' || isSupersededBy(update, environment.applicationVersion),
    )
    .map((update) => skipPending(update, reason, now))
    .filter((change): change is UpdateChange => change !== undefined);
  await saveAndAnnounce(manager, outbox, changes, () => environment, now);
}

/** The installed extensions changed: each pending update is pre-checked again (recheckCompatibility). */
export async function recheckPendingUpdates(
  manager: EntityManager,
  outbox: Outbox,
  environment: Environment,
  now: Date,
): Promise<void> {
  const pending = await pendingUpdatesOf(manager, environment.tenantId, environment.name);
  const changes = pending
    .map((update) => recheckCompatibility(update, environment.extensions, now))
    .filter((change): change is UpdateChange => change !== undefined);
  await saveAndAnnounce(manager, outbox, changes, () => environment, now);
}

/**
 * Soft-deleted: the pending updates are held (holdWhileDeleted); recovered: they are released
 * (releaseAfterRecovery), a run whose window passed meanwhile moving to the next window.
 */
export async function holdOrReleasePendingUpdates(
  manager: EntityManager,
  outbox: Outbox,
  environment: Environment,
  now: Date,
): Promise<void> {
  const pending = await pendingUpdatesOf(manager, environment.tenantId, environment.name);
  const deleted = environment.status === 'soft-deleted';
  const changes = pending
    .map((update) =>
      deleted ? holdWhileDeleted(update, now) : releaseAfterRecovery(update, environment.window, now),
    )
    .filter((change): change is UpdateChange => change !== undefined);
  await saveAndAnnounce(manager, outbox, changes, () => environment, now);
}
