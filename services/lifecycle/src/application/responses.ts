import type { UpdateResponse } from '@pac/http-contracts';
import { blockingExtensions } from './domain/compatibility';
import { latestSelectableDate, type ReleaseTerms } from './domain/update-schedule';
import { isNewer } from './domain/version';
import { asBlocking } from './jobs/distribute-releases/offer-release';
import type { EnvironmentViewEntity } from './persistence/environment-view.entity';
import type { UpdateEntity } from './persistence/update.entity';

/**
 * An update as `GET .../updates` shows it (api.md): compatibility is checked against the extensions installed
 * now; `scheduleDetails.selectedDateTime` is when it starts (the time chosen, moved into the window).
 */
export function updateResponse(
  update: UpdateEntity,
  environment: EnvironmentViewEntity,
  release: ReleaseTerms,
): UpdateResponse {
  const blocking = blockingExtensions(environment.extensions, update.targetVersion).map(asBlocking);
  return {
    targetVersion: update.targetVersion,
    type: release.type,
    available:
      ['available', 'scheduled', 'failed'].includes(update.status) &&
      isNewer(update.targetVersion, environment.applicationVersion),
    selected: update.selected,
    compatibility: { compatible: blocking.length === 0, blockingExtensions: blocking },
    scheduleDetails: {
      latestSelectableDate: latestSelectableDate(release, environment.timeZone),
      selectedDateTime: update.scheduledFor?.toISOString() ?? null,
      ignoreUpdateWindow: update.ignoreUpdateWindow,
      status: update.status,
      requestedDateTime: update.selectedDateTime?.toISOString() ?? null,
      windowClosesAt: update.windowClosesAt?.toISOString() ?? null,
      automatic: update.status === 'scheduled' && !update.selected,
    },
    updateId: update.id,
    operationId: update.operationId,
    failureReason: update.failureReason,
  };
}
