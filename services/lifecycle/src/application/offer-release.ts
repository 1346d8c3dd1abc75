import { randomUUID } from 'node:crypto';
import type { Outbox } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { offerUpdate, type OfferedEnvironment, type UpdateChange } from '../domain/update';
import { automaticRun, type PlannedRun, type ReleaseTerms } from '../domain/update-schedule';
import type { UpdateWindow } from '../domain/update-window';
import { insertOfferedUpdates } from '../persistence/updates';
import { announcementEvents } from './update-events';

/**
 * Offers a release to environments, set-based: for each one it is for, an update scheduled automatically for
 * its deadline day's window and pre-checked (offerUpdate); then `update.available` for each and
 * `update.compatibility-warning` for each incompatible one, in the same transaction. An environment that
 * already has the update is left alone, so the release job and the consumer of environment.created can both
 * offer without duplicates. Returns how many updates were created.
 */
export async function offerRelease(
  manager: EntityManager,
  outbox: Outbox,
  release: ReleaseTerms,
  environments: readonly OfferedEnvironment[],
  now: Date,
): Promise<number> {
  // Environments share a handful of windows: one automatic run per window, not per environment.
  const runs = new Map<string, PlannedRun>();
  const runOf = (window: UpdateWindow): PlannedRun => {
    const key = `${window.preferredStartTime}|${window.preferredEndTime}|${window.timeZone}`;
    let run = runs.get(key);
    if (!run) runs.set(key, (run = automaticRun(release, window, now)));
    return run;
  };
  const offers: { change: UpdateChange; environment: OfferedEnvironment }[] = [];
  for (const environment of environments) {
    const offer = offerUpdate(
      { updateId: randomUUID(), operationId: randomUUID() },
      release,
      environment,
      runOf(environment.window),
      now,
    );
    if (offer.ok) offers.push({ change: offer.value, environment });
  }
  const created = await insertOfferedUpdates(
    manager,
    offers.map((offer) => offer.change.update),
  );
  const events = offers
    .filter((offer) => created.has(offer.change.update.id))
    .flatMap((offer) => announcementEvents(offer.change, offer.environment, release, now));
  await outbox.addMany(manager, events, { validate: 'first' });
  return created.size;
}
