import {
  UpdateAvailable,
  UpdateCanceled,
  UpdateCompatibilityWarning,
  UpdateFailed,
  UpdateMissed,
  UpdateRescheduled,
  UpdateScheduled,
  UpdateStarted,
  UpdateSucceeded,
  type UpdateEventData,
} from '@pac/contracts';
import type { NewEvent, Outbox } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import type { Environment } from '../domain/environment';
import type { Update, UpdateAnnouncement, UpdateChange } from '../domain/update';
import { latestSelectableDate, shownWindowEnd, type ReleaseTerms } from '../domain/update-schedule';
import { releaseTermsByVersion } from '../persistence/releases';
import { saveUpdates } from '../persistence/updates';

/** What the payload of an update's events needs of its environment. */
export type EnvironmentOfUpdate = Pick<Environment, 'type' | 'applicationVersion' | 'window'>;

/**
 * The payload every update.* event carries: the update as it is after the change, with what the overview and
 * the notifications need (tenant, environment, versions, when it runs, its status), so nobody calls back.
 */
export function updateEventData(
  update: Update,
  environment: EnvironmentOfUpdate,
  release: ReleaseTerms,
  occurredAt: Date,
): UpdateEventData {
  const timeZone = environment.window.timeZone;
  return {
    updateId: update.id,
    operationId: update.operationId,
    tenantId: update.tenantId,
    partnerId: update.partnerId,
    environmentName: update.environmentName,
    environmentType: environment.type,
    currentVersion: environment.applicationVersion,
    targetVersion: update.targetVersion,
    updateType: release.type,
    status: update.status,
    latestSelectableDate: latestSelectableDate(release, timeZone),
    schedule: {
      scheduledFor: update.scheduledFor?.toISOString() ?? null,
      windowClosesAt: shownWindowEnd(update.windowClosesAt),
      selected: update.selected,
      ...(update.selectedDateTime ? { selectedDateTime: update.selectedDateTime.toISOString() } : {}),
      ignoreUpdateWindow: update.ignoreUpdateWindow,
      timeZone,
    },
    occurredAt: occurredAt.toISOString(),
  };
}

/** The events a decision announces, in order, each at the decision's time `now`. */
export function announcementEvents(
  change: UpdateChange,
  environment: EnvironmentOfUpdate,
  release: ReleaseTerms,
  now: Date,
): NewEvent<object>[] {
  const { update } = change;
  const base = updateEventData(update, environment, release, now);
  const event = <P extends object>(e: Omit<NewEvent<P>, 'tenantId' | 'environmentName' | 'time'>) =>
    ({
      ...e,
      tenantId: update.tenantId,
      environmentName: update.environmentName,
      time: now,
    }) as NewEvent<object>;
  return change.announce.map((announcement: UpdateAnnouncement) => {
    switch (announcement.type) {
      case 'update.available':
        return event({
          definition: UpdateAvailable,
          data: {
            ...base,
            compatibility: {
              compatible: announcement.blockingExtensions.length === 0,
              blockingExtensions: announcement.blockingExtensions,
            },
          },
        });
      case 'update.compatibility-warning':
        return event({
          definition: UpdateCompatibilityWarning,
          data: { ...base, blockingExtensions: announcement.blockingExtensions },
        });
      case 'update.scheduled':
        return event({
          definition: UpdateScheduled,
          data: { ...base, scheduledBy: announcement.scheduledBy },
        });
      case 'update.rescheduled':
        return event({
          definition: UpdateRescheduled,
          data: {
            ...base,
            previousScheduledFor: announcement.previousScheduledFor?.toISOString() ?? null,
            reason: announcement.reason,
          },
        });
      case 'update.started':
        return event({
          definition: UpdateStarted,
          data: { ...base, startedAt: (update.startedAt ?? now).toISOString() },
        });
      case 'update.succeeded':
        // The environment is on the target now, whether or not its own event has reached this service yet.
        return event({
          definition: UpdateSucceeded,
          data: {
            ...updateEventData(
              update,
              { ...environment, applicationVersion: update.targetVersion },
              release,
              now,
            ),
            previousVersion: announcement.previousVersion,
            completedAt: (update.completedAt ?? now).toISOString(),
          },
        });
      case 'update.failed': {
        // The failed run, as it ended (a new attempt may already replace it: `as`).
        const run = announcement.as ?? update;
        return event({
          definition: UpdateFailed,
          data: {
            ...(announcement.as ? updateEventData(announcement.as, environment, release, now) : base),
            reason: announcement.reason,
            blockingExtensions: announcement.blockingExtensions,
            completedAt: (run.completedAt ?? now).toISOString(),
          },
        });
      }
      case 'update.missed':
        return event({
          definition: UpdateMissed,
          data: {
            ...base,
            reason: announcement.reason,
            missedWindow: {
              opensAt: announcement.missedWindow.opensAt.toISOString(),
              closesAt: announcement.missedWindow.closesAt.toISOString(),
            },
          },
        });
      case 'update.canceled':
        return event({
          definition: UpdateCanceled,
          data: {
            ...(announcement.as ? updateEventData(announcement.as, environment, release, now) : base),
            reason: announcement.reason,
            ...(announcement.canceledBy ? { canceledBy: announcement.canceledBy } : {}),
          },
        });
    }
  });
}

/**
 * Saves what decisions made of updates (one statement) and writes the events they announce (one statement):
 * the end of every use case that changes updates. `environmentOf` gives each update's environment.
 */
export async function saveAndAnnounce(
  manager: EntityManager,
  outbox: Outbox,
  changes: readonly UpdateChange[],
  environmentOf: (update: Update) => EnvironmentOfUpdate,
  now: Date,
  options: { validate?: 'each' | 'first' } = {},
): Promise<void> {
  if (changes.length === 0) return;
  await saveUpdates(
    manager,
    changes.map((change) => change.update),
  );
  const terms = await releaseTermsByVersion(
    manager,
    changes.map((change) => change.update.targetVersion),
  );
  const events = changes.flatMap((change) => {
    const release = terms.get(change.update.targetVersion);
    if (!release)
      throw new Error(`release ${change.update.targetVersion} of update ${change.update.id} not found`);
    return announcementEvents(change, environmentOf(change.update), release, now);
  });
  await outbox.addMany(manager, events, options);
}
