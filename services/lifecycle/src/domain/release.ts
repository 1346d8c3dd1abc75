import type { ReleaseType } from '@pac/contracts';
import { accept, refuse, type Decision, type DomainError } from '@pac/domain';
import type { ReleaseTerms } from './update-schedule';

/** A release of the application, published by a platform admin; it reaches environments at availableFrom. */
export interface Release extends ReleaseTerms {
  publishedBy: string;
  publishedAt: Date;
  /** When it had been offered to every eligible environment. */
  distributedAt: Date | null;
}

export interface PublishRelease {
  version: string;
  type: ReleaseType;
  availableFrom: Date;
  latestSelectableDays: number;
  publishedBy: string;
}

/** One release per version (26.1 and 26.01 are one version: `existing` is the one with the same number). */
export function decidePublishRelease(
  existing: Pick<Release, 'version'> | null,
  command: PublishRelease,
  now: Date,
): Decision<Release, DomainError<'release-exists'>> {
  if (existing) return refuse('release-exists', `release ${existing.version} is already published`);
  return accept({ ...command, publishedAt: now, distributedAt: null });
}

/** Announced until availableFrom, distributing while it is being offered, then available. */
export function releaseStatus(release: Release, now: Date): 'announced' | 'distributing' | 'available' {
  if (release.distributedAt) return 'available';
  return release.availableFrom <= now ? 'distributing' : 'announced';
}
