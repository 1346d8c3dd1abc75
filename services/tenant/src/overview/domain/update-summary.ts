import {
  compareApplicationVersions,
  type EnvironmentType,
  type OverviewUpdateStatus,
  type ReleaseType,
  type UpdateCanceledData,
  type UpdateEventData,
  type UpdateFailedData,
  type UpdateMissedData,
  type UpdateStatus,
  type UpdateSucceededData,
} from '@pac/contracts';

/**
 * Where a customer's updates stand, for the central view's `updateStatus` (the first that applies):
 * - `running`: an update is running on one of its environments;
 * - `failed`: its last finished update failed (until a later one finishes);
 * - `missed`: its last update could not start in its window and moved to the next one;
 * - `scheduled`: an update is scheduled on one of its environments;
 * - `available`: an update is offered but not scheduled (e.g. its run was canceled);
 * - `succeeded`: its last update succeeded and nothing is scheduled or offered;
 * - `none`: no update so far.
 * The values are the API's (`updateStatus` filter and column), declared once in @pac/contracts.
 */
export type CustomerUpdateStatus = OverviewUpdateStatus;

/** How the last attempt of an update ended: it ran (succeeded, failed) or its window passed (missed). */
export interface UpdateOutcome {
  result: 'succeeded' | 'failed' | 'missed';
  /** When it ended: completedAt of a run, the time it was found missed. */
  at: string;
  /** Why it failed (for people) or was missed (`window-passed`, `environment-busy`); null on success. */
  reason: string | null;
}

/** What the central view keeps of one update of one environment (one per updateId), from its events. */
export interface OverviewUpdate {
  updateId: string;
  operationId: string;
  environmentName: string;
  environmentType: EnvironmentType;
  targetVersion: string;
  type: ReleaseType;
  status: UpdateStatus;
  selected: boolean;
  scheduledFor: string | null;
  windowClosesAt: string | null;
  outcome: UpdateOutcome | null;
  /** The `occurredAt` of the last event applied: an older event changes nothing. */
  occurredAt: string;
}

/** The update.* events, as the central view reads them. */
export type OverviewUpdateEvent =
  | { type: 'update.succeeded'; data: UpdateSucceededData }
  | { type: 'update.failed'; data: UpdateFailedData }
  | { type: 'update.missed'; data: UpdateMissedData }
  | { type: 'update.canceled'; data: UpdateCanceledData }
  | {
      type:
        | 'update.available'
        | 'update.compatibility-warning'
        | 'update.scheduled'
        | 'update.rescheduled'
        | 'update.started';
      data: UpdateEventData;
    };

/**
 * The update after one of its events, or undefined when the event is older than what is known (events of
 * one customer come in order, but a replay or a late duplicate must not bring back an old state). Every
 * event carries the update as it is after the change; the end of an attempt is kept as its outcome until
 * the next attempt ends. An update whose environment was purged is out of the view (`skipped`, no outcome).
 */
export function applyUpdateEvent(
  current: OverviewUpdate | undefined,
  event: OverviewUpdateEvent,
): OverviewUpdate | undefined {
  const { data } = event;
  if (current && Date.parse(data.occurredAt) < Date.parse(current.occurredAt)) return undefined;
  const purged = event.type === 'update.canceled' && event.data.reason === 'environment-purged';
  return {
    updateId: data.updateId,
    operationId: data.operationId,
    environmentName: data.environmentName,
    environmentType: data.environmentType,
    targetVersion: data.targetVersion,
    type: data.updateType,
    status: purged ? 'skipped' : data.status,
    selected: data.schedule.selected,
    scheduledFor: data.status === 'scheduled' ? data.schedule.scheduledFor : null,
    windowClosesAt: data.status === 'scheduled' ? data.schedule.windowClosesAt : null,
    outcome: purged ? null : (outcomeOf(event) ?? current?.outcome ?? null),
    occurredAt: data.occurredAt,
  };
}

function outcomeOf(event: OverviewUpdateEvent): UpdateOutcome | undefined {
  switch (event.type) {
    case 'update.succeeded':
      return { result: 'succeeded', at: event.data.completedAt, reason: null };
    case 'update.failed':
      return { result: 'failed', at: event.data.completedAt, reason: event.data.reason };
    case 'update.missed':
      return { result: 'missed', at: event.data.occurredAt, reason: event.data.reason };
    default:
      return undefined;
  }
}

/** `nextUpdate` of the central view: the customer's earliest scheduled update. */
export interface NextUpdate {
  environmentName: string;
  environmentType: EnvironmentType;
  targetVersion: string;
  type: ReleaseType;
  scheduledFor: string;
  windowClosesAt: string | null;
  selected: boolean;
  updateId: string;
  operationId: string;
}

/** `lastUpdateResult` of the central view: the customer's most recent attempt that ended. */
export interface LastUpdateResult extends UpdateOutcome {
  environmentName: string;
  environmentType: EnvironmentType;
  targetVersion: string;
  type: ReleaseType;
  updateId: string;
  operationId: string;
}

export interface UpdateSummary {
  nextUpdate: NextUpdate | null;
  lastUpdateResult: LastUpdateResult | null;
  updateStatus: CustomerUpdateStatus;
}

/**
 * The update columns of a customer's row from the updates of all its environments. Ties are broken by
 * environment name then version, so the same updates always give the same row.
 */
export function summarizeUpdates(updates: readonly OverviewUpdate[]): UpdateSummary {
  const scheduled = updates
    .filter((u) => u.status === 'scheduled' && u.scheduledFor !== null)
    .sort((a, b) => Date.parse(a.scheduledFor!) - Date.parse(b.scheduledFor!) || byEnvironment(a, b));
  const ended = updates
    .filter((u) => u.outcome !== null)
    .sort((a, b) => Date.parse(b.outcome!.at) - Date.parse(a.outcome!.at) || byEnvironment(a, b));
  const next = scheduled[0];
  const last = ended[0];
  const nextUpdate: NextUpdate | null = next
    ? {
        ...identity(next),
        scheduledFor: next.scheduledFor!,
        windowClosesAt: next.windowClosesAt,
        selected: next.selected,
      }
    : null;
  const lastUpdateResult: LastUpdateResult | null = last ? { ...identity(last), ...last.outcome! } : null;
  return { nextUpdate, lastUpdateResult, updateStatus: statusOf(updates, lastUpdateResult, nextUpdate) };
}

function statusOf(
  updates: readonly OverviewUpdate[],
  last: LastUpdateResult | null,
  next: NextUpdate | null,
): CustomerUpdateStatus {
  if (updates.some((u) => u.status === 'running')) return 'running';
  if (last?.result === 'failed' || last?.result === 'missed') return last.result;
  if (next) return 'scheduled';
  if (updates.some((u) => u.status === 'available')) return 'available';
  return last ? 'succeeded' : 'none';
}

function identity(update: OverviewUpdate) {
  return {
    environmentName: update.environmentName,
    environmentType: update.environmentType,
    targetVersion: update.targetVersion,
    type: update.type,
    updateId: update.updateId,
    operationId: update.operationId,
  };
}

function byEnvironment(a: OverviewUpdate, b: OverviewUpdate): number {
  return (
    a.environmentName.localeCompare(b.environmentName) ||
    compareApplicationVersions(a.targetVersion, b.targetVersion)
  );
}
