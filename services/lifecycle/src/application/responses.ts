import type {
  ReleaseResponse,
  UpdateResponse,
  UpdateWindowPolicyResponse,
  UpdateWindowResponse,
} from '@pac/http-contracts';
import { blockingExtensions } from '../domain/compatibility';
import type { Environment } from '../domain/environment';
import { releaseStatus, type Release } from '../domain/release';
import { isApplicable, isAutomaticRun, type Update } from '../domain/update';
import { latestSelectableDate, shownWindowEnd, type ReleaseTerms } from '../domain/update-schedule';
import { startInWindow, type UpdateWindowPolicy } from '../domain/update-window';

/**
 * What the API shows of releases, windows and updates, typed by the @pac/http-contracts response classes that
 * also make the OpenAPI document (fields in the order the answers have always had them).
 */

export function releaseResponse(release: Release, now: Date): ReleaseResponse {
  return {
    version: release.version,
    type: release.type,
    availableFrom: release.availableFrom.toISOString(),
    latestSelectableDays: release.latestSelectableDays,
    status: releaseStatus(release, now),
    publishedAt: release.publishedAt.toISOString(),
  };
}

/** The window with its current (if open now) or next occurrence, as instants. */
export function updateWindowResponse(environment: Environment, now: Date): UpdateWindowResponse {
  const { window } = startInWindow(now, environment.window);
  return {
    tenantId: environment.tenantId,
    environmentName: environment.name,
    ...environment.window,
    nextOpensAt: window.opensAt.toISOString(),
    nextClosesAt: window.closesAt.toISOString(),
  };
}

export function updateWindowPolicyResponse(policy: UpdateWindowPolicy): UpdateWindowPolicyResponse {
  return { tenantId: policy.tenantId, ...policy.window };
}

/**
 * An update as `GET .../updates` shows it: compatibility is checked against the extensions installed now;
 * `scheduleDetails.selectedDateTime` is when it starts (the time chosen, moved into the window).
 */
export function updateResponse(
  update: Update,
  environment: Environment,
  release: ReleaseTerms,
): UpdateResponse {
  const blocking = blockingExtensions(environment.extensions, update.targetVersion);
  return {
    targetVersion: update.targetVersion,
    type: release.type,
    available: isApplicable(update, environment.applicationVersion),
    selected: update.selected,
    compatibility: { compatible: blocking.length === 0, blockingExtensions: blocking },
    scheduleDetails: {
      latestSelectableDate: latestSelectableDate(release, environment.window.timeZone),
      selectedDateTime: update.scheduledFor?.toISOString() ?? null,
      ignoreUpdateWindow: update.ignoreUpdateWindow,
      status: update.status,
      requestedDateTime: update.selectedDateTime?.toISOString() ?? null,
      windowClosesAt: shownWindowEnd(update.windowClosesAt),
      automatic: isAutomaticRun(update),
    },
    updateId: update.id,
    operationId: update.operationId,
    failureReason: update.failureReason,
  };
}
