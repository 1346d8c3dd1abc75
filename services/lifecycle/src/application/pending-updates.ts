import { UpdateCanceled, UpdateCompatibilityWarning } from '@pac/contracts';
import type { Outbox } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { blockingExtensions } from '../domain/compatibility';
import { asBlocking } from '../jobs/distribute-releases/offer-release';
import type { EnvironmentViewEntity } from '../persistence/environment-view.entity';
import { UpdateEntity } from '../persistence/update.entity';
import { anyEvent, updateEventData } from '../update-event';
import { pendingUpdatesOf } from './environment-projection';

/**
 * Pending updates that no longer make sense end: those not newer than the environment's version are skipped
 * (`superseded`), or all of them when the environment is gone (`environment-purged`). Each says so with
 * update.canceled, so the run's operation ends (skipped or canceled) and the overview drops it.
 */
export async function endPendingUpdates(
  manager: EntityManager,
  outbox: Outbox,
  environment: EnvironmentViewEntity,
  reason: 'superseded' | 'environment-purged',
  now: Date,
): Promise<void> {
  const pending = (await pendingUpdatesOf(manager, environment.tenantId, environment.name)).filter(
    ({ update }) => reason === 'environment-purged' || update.versionKey <= environment.versionKey,
  );
  if (pending.length === 0) return;
  for (const { update } of pending) {
    Object.assign(update, {
      status: 'skipped',
      scheduledFor: null,
      windowClosesAt: null,
      completedAt: now,
      updatedAt: now,
    });
    await manager.getRepository(UpdateEntity).save(update);
  }
  const environmentOfUpdate = { ...environment, timeZone: environment.timeZone };
  await outbox.addMany(
    manager,
    pending.map(({ update, release }) =>
      anyEvent({
        definition: UpdateCanceled,
        tenantId: update.tenantId,
        environmentName: update.environmentName,
        data: { ...updateEventData(update, environmentOfUpdate, release.terms(), now), reason },
      }),
    ),
  );
}

/**
 * The installed extensions changed: each pending update is checked again. One that an extension now blocks
 * raises update.compatibility-warning (once per set of blocking extensions); the stored pre-check follows.
 */
export async function recheckCompatibility(
  manager: EntityManager,
  outbox: Outbox,
  environment: EnvironmentViewEntity,
  now: Date,
): Promise<void> {
  for (const { update, release } of await pendingUpdatesOf(manager, environment.tenantId, environment.name)) {
    const blocking = blockingExtensions(environment.extensions, update.targetVersion).map(asBlocking);
    const ids = (list: { extensionId: string }[]) =>
      list
        .map((e) => e.extensionId)
        .sort()
        .join(',');
    if (ids(blocking) === ids(update.blockingExtensions)) continue;
    update.blockingExtensions = blocking;
    update.updatedAt = now;
    await manager.getRepository(UpdateEntity).save(update);
    if (blocking.length === 0) continue;
    await outbox.add(manager, {
      definition: UpdateCompatibilityWarning,
      tenantId: update.tenantId,
      environmentName: update.environmentName,
      data: {
        ...updateEventData(update, environment, release.terms(), now),
        blockingExtensions: blocking,
      },
    });
  }
}
