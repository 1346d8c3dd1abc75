import {
  compareApplicationVersions,
  type EnvironmentSnapshotData,
  type EnvironmentStatus,
  type EnvironmentType,
} from '@pac/contracts';

/** What the central view keeps of one environment: enough to count and list versions. */
export interface OverviewEnvironment {
  name: string;
  type: EnvironmentType;
  status: EnvironmentStatus;
  applicationVersion: string;
}

export interface EnvironmentSummary {
  production: number;
  sandbox: number;
  versions: string[];
}

/**
 * Environments that exist for the customer: soft-deleted ones are out of the counts and versions (they come
 * back only if recovered). Versions are sorted numerically, oldest first, so "26.0, 26.1" reads as a span.
 */
export function summarizeEnvironments(environments: OverviewEnvironment[]): EnvironmentSummary {
  const live = environments.filter((e) => e.status !== 'soft-deleted');
  const versions = [...new Set(live.map((e) => e.applicationVersion))].sort(compareApplicationVersions);
  return {
    production: live.filter((e) => e.type === 'production').length,
    sandbox: live.filter((e) => e.type === 'sandbox').length,
    versions,
  };
}

export function toOverviewEnvironment(snapshot: EnvironmentSnapshotData): OverviewEnvironment {
  return {
    name: snapshot.name,
    type: snapshot.type,
    status: snapshot.status,
    applicationVersion: snapshot.applicationVersion,
  };
}
