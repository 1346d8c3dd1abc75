import type { EnvironmentType, UpdateEventData, UpdateStatus } from '@pac/contracts';
import type { NewEvent } from '@pac/messaging';
import { latestSelectableDate, type ReleaseTerms } from './domain/update-schedule';

/** What an update.* payload is made of: the update's row, as UpdateEntity or a raw set-based query gives it. */
export interface UpdateRow {
  id: string;
  operationId: string;
  tenantId: string;
  partnerId: string;
  environmentName: string;
  targetVersion: string;
  status: UpdateStatus;
  selected: boolean;
  selectedDateTime: Date | null;
  ignoreUpdateWindow: boolean;
  scheduledFor: Date | null;
  windowClosesAt: Date | null;
}

/** The updates table's columns of an UpdateRow, as a raw query (`RETURNING`, a join) gives them. */
export interface UpdateColumns {
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
  scheduled_for: Date | null;
  window_closes_at: Date | null;
}

export function updateRowOf(columns: UpdateColumns): UpdateRow {
  return {
    id: columns.id,
    operationId: columns.operation_id,
    tenantId: columns.tenant_id,
    partnerId: columns.partner_id,
    environmentName: columns.environment_name,
    targetVersion: columns.target_version,
    status: columns.status,
    selected: columns.selected,
    selectedDateTime: columns.selected_date_time,
    ignoreUpdateWindow: columns.ignore_update_window,
    scheduledFor: columns.scheduled_for,
    windowClosesAt: columns.window_closes_at,
  };
}

export interface EnvironmentOfUpdate {
  type: EnvironmentType;
  applicationVersion: string;
  timeZone: string;
}

/**
 * The payload every update.* event carries: the update as it is after the change, with what the overview and
 * the notifications need (tenant, environment, versions, when it runs, its status), so nobody calls back.
 */
export function updateEventData(
  update: UpdateRow,
  environment: EnvironmentOfUpdate,
  release: ReleaseTerms,
  occurredAt: Date,
): UpdateEventData {
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
    latestSelectableDate: latestSelectableDate(release, environment.timeZone),
    schedule: {
      scheduledFor: update.scheduledFor?.toISOString() ?? null,
      windowClosesAt: update.windowClosesAt?.toISOString() ?? null,
      selected: update.selected,
      ...(update.selectedDateTime ? { selectedDateTime: update.selectedDateTime.toISOString() } : {}),
      ignoreUpdateWindow: update.ignoreUpdateWindow,
      timeZone: environment.timeZone,
    },
    occurredAt: occurredAt.toISOString(),
  };
}

/** An event checked against its own definition, for a list of events of several types (Outbox.addMany). */
export function anyEvent<P extends object>(event: NewEvent<P>): NewEvent<object> {
  return event as NewEvent<object>;
}
