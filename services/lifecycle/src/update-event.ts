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
