import type { ReleaseResponse } from '@pac/http-contracts';
import type { ReleaseEntity } from './persistence/release.entity';

/** A release as the API shows it: announced until availableFrom, then distributing, then available. */
export function releaseResponse(release: ReleaseEntity, now: Date): ReleaseResponse {
  const status = release.distributedAt
    ? 'available'
    : release.availableFrom <= now
      ? 'distributing'
      : 'announced';
  return {
    version: release.version,
    type: release.type,
    availableFrom: release.availableFrom.toISOString(),
    latestSelectableDays: release.latestSelectableDays,
    status,
    publishedAt: release.publishedAt.toISOString(),
  };
}
