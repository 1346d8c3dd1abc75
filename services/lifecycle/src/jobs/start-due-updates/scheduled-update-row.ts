import type { EnvironmentType, ReleaseType, UpdateStatus } from '@pac/contracts';
import type { PlannedRun, ReleaseTerms } from '../../domain/update-schedule';
import type { UpdateWindow } from '../../domain/update-window';
import type { EnvironmentOfUpdate, UpdateRow } from '../../update-event';

/** An update joined with its environment and release, as the scheduler's set-based queries return it. */
export interface ScheduledUpdateRow {
  update: UpdateRow;
  environment: EnvironmentOfUpdate;
  window: UpdateWindow;
  release: ReleaseTerms;
  run: PlannedRun;
}

interface RawRow {
  id: string;
  operation_id: string;
  tenant_id: string;
  partner_id: string;
  environment_name: string;
  target_version: string;
  status: UpdateStatus;
  selected: boolean;
  selected_date_time: Date | null;
  ignore_update_window: boolean;
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
    update: {
      id: row.id,
      operationId: row.operation_id,
      tenantId: row.tenant_id,
      partnerId: row.partner_id,
      environmentName: row.environment_name,
      targetVersion: row.target_version,
      status: row.status,
      selected: row.selected,
      selectedDateTime: row.selected_date_time,
      ignoreUpdateWindow: row.ignore_update_window,
      scheduledFor: row.scheduled_for,
      windowClosesAt: row.window_closes_at,
    },
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
