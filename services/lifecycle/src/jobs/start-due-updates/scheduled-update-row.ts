import type { EnvironmentType, ReleaseType } from '@pac/contracts';
import type { PlannedRun, ReleaseTerms } from '../../domain/update-schedule';
import type { UpdateWindow } from '../../domain/update-window';
import {
  updateRowOf,
  type EnvironmentOfUpdate,
  type UpdateColumns,
  type UpdateRow,
} from '../../update-event';

/** An update joined with its environment and release, as the scheduler's set-based queries return it. */
export interface ScheduledUpdateRow {
  update: UpdateRow;
  environment: EnvironmentOfUpdate;
  window: UpdateWindow;
  release: ReleaseTerms;
  run: PlannedRun;
}

interface RawRow extends UpdateColumns {
  scheduled_for: Date;
  window_closes_at: Date;
  environment_type: EnvironmentType;
  application_version: string;
  preferred_start_time: string;
  preferred_end_time: string;
  time_zone: string;
  release_type: ReleaseType;
  available_from: Date;
  latest_selectable_days: number;
}

export function scheduledUpdateRows(raw: unknown[]): ScheduledUpdateRow[] {
  return (raw as RawRow[]).map((row) => ({
    update: updateRowOf(row),
    environment: {
      type: row.environment_type,
      applicationVersion: row.application_version,
      timeZone: row.time_zone,
    },
    window: {
      preferredStartTime: row.preferred_start_time,
      preferredEndTime: row.preferred_end_time,
      timeZone: row.time_zone,
    },
    release: {
      version: row.target_version,
      type: row.release_type,
      availableFrom: row.available_from,
      latestSelectableDays: row.latest_selectable_days,
    },
    run: { scheduledFor: row.scheduled_for, windowClosesAt: row.window_closes_at },
  }));
}
