import type { DomainError } from '@pac/domain';

/** What the telemetry service answers (404) when the thing asked about is not there, or not the caller's. */
export function environmentNotFound(name: string): DomainError<'environment-not-found'> {
  return { code: 'environment-not-found', message: `no environment named "${name}"` };
}

export const TELEMETRY_KEY_NOT_FOUND: DomainError<'telemetry-key-not-found'> = {
  code: 'telemetry-key-not-found',
  message: 'no such ingestion key',
};

export const ISSUE_NOT_FOUND: DomainError<'issue-not-found'> = {
  code: 'issue-not-found',
  message: 'no such issue',
};
