import {
  isNewerVersion,
  type BlockingExtensionData,
  type CANCEL_REASONS,
  type MISSED_REASONS,
  type RESCHEDULE_REASONS,
  type UpdateStatus,
} from '@pac/contracts';
import { accept, refuse, type Decision, type DomainError } from '@pac/domain';
import { blockingExtensions, sameExtensions } from './compatibility';
import type { Environment } from './environment';
import {
  afterBusy,
  automaticRun,
  eligibility,
  planSelectedRun,
  retryRun,
  runAfterCancel,
  runAfterMiss,
  runAfterWindowChange,
  type EligibilityError,
  type EnvironmentFacts,
  type PlannedRun,
  type ReleaseTerms,
  type SchedulingError,
  type WindowChangeError,
} from './update-schedule';
import { windowContaining, type UpdateWindow } from './update-window';

/**
 * An update: a release offered to one environment, and its current run (the operation partners see). Every
 * change of its state is decided here; handlers, consumers and jobs load it, call one of these functions,
 * save what it returns and announce what it says happened.
 */
export interface Update {
  id: string;
  tenantId: string;
  environmentName: string;
  partnerId: string;
  targetVersion: string;
  status: UpdateStatus;
  /** The current run: a new run (after a failure, a cancel, ...) is a new operation. */
  operationId: string;
  /** A partner chose it (else it runs automatically in the window of its deadline day). */
  selected: boolean;
  /** The time the partner asked for, before it was moved into a window. */
  selectedDateTime: Date | null;
  ignoreUpdateWindow: boolean;
  /** The scheduled run (both set when `scheduled`). */
  scheduledFor: Date | null;
  windowClosesAt: Date | null;
  /** What the last pre-check or the failed run found. */
  blockingExtensions: BlockingExtensionData[];
  failureReason: string | null;
  availableAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  updatedAt: Date;
}

/**
 * The update state machine:
 *
 *   offered ──> scheduled ──> running ──> succeeded
 *               │ ▲    ▲         ├──────> failed ──> scheduled (scheduled again: a new run)
 *               │ │    └─────────┘ (not started: the environment was busy; tried again or missed)
 *               │ └── available (a preview whose run was canceled, until selected again)
 *               └──> skipped (the environment reached the version otherwise, or was purged)
 *   scheduled ──> scheduled: moved (another time, window, a missed window) or a new run (a chosen run canceled)
 *   available ──> skipped
 *
 * succeeded and skipped are final.
 */
const NEXT: Record<UpdateStatus, readonly UpdateStatus[]> = {
  available: ['scheduled', 'skipped'],
  scheduled: ['scheduled', 'running', 'available', 'skipped'],
  running: ['succeeded', 'failed', 'scheduled'],
  failed: ['scheduled'],
  succeeded: [],
  skipped: [],
};

export function canMove(from: UpdateStatus, to: UpdateStatus): boolean {
  return NEXT[from].includes(to);
}

/** Offered or scheduled: not run yet, so still to run, move or skip. */
export const PENDING_STATUSES: readonly UpdateStatus[] = ['available', 'scheduled'];

type RescheduleReason = (typeof RESCHEDULE_REASONS)[number];
type MissedReason = (typeof MISSED_REASONS)[number];
type CancelReason = (typeof CANCEL_REASONS)[number];

/**
 * What happened to an update, as the event that says so: its payload is the update after the change (or
 * `as`, for the run that ended when a new one replaced it) with these details.
 */
export type UpdateAnnouncement =
  | { type: 'update.available'; blockingExtensions: BlockingExtensionData[] }
  | { type: 'update.compatibility-warning'; blockingExtensions: BlockingExtensionData[] }
  | { type: 'update.scheduled'; scheduledBy: string }
  | { type: 'update.rescheduled'; reason: RescheduleReason; previousScheduledFor: Date | null }
  | { type: 'update.started' }
  | { type: 'update.succeeded'; previousVersion: string }
  | { type: 'update.failed'; reason: string; blockingExtensions: BlockingExtensionData[]; as?: Update }
  | { type: 'update.missed'; reason: MissedReason; missedWindow: { opensAt: Date; closesAt: Date } }
  | { type: 'update.canceled'; reason: CancelReason; canceledBy?: string; as?: Update };

/** An update after a decision, and what to announce (nothing: an unseen change, e.g. a selection cleared). */
export interface UpdateChange {
  update: Update;
  announce: UpdateAnnouncement[];
}

/** Moves an update along the state machine; a move it does not allow is a bug (refusals are decided before). */
function moved(update: Update, to: UpdateStatus, changes: Partial<Update>, now: Date): Update {
  if (!canMove(update.status, to)) {
    throw new Error(`update ${update.id} cannot go from ${update.status} to ${to}`);
  }
  return { ...update, ...changes, status: to, updatedAt: now };
}

const runOf = (run: PlannedRun) => ({ scheduledFor: run.scheduledFor, windowClosesAt: run.windowClosesAt });

/** The scheduled run of an update, when it has one. */
export function scheduledRun(update: Update): PlannedRun | undefined {
  return update.scheduledFor && update.windowClosesAt
    ? { scheduledFor: update.scheduledFor, windowClosesAt: update.windowClosesAt }
    : undefined;
}

/** The environment an offer is made to: enough to check eligibility and pre-check its extensions. */
export type OfferedEnvironment = Pick<
  Environment,
  'tenantId' | 'name' | 'partnerId' | 'type' | 'applicationVersion' | 'extensions' | 'window'
>;

/**
 * A release reaches an environment it is for (older version; previews: sandboxes only): an update scheduled
 * automatically (`run`: automaticRun of the release in the environment's window, which the caller may share
 * between environments of one window), pre-checked against the installed extensions.
 */
export function offerUpdate(
  ids: { updateId: string; operationId: string },
  release: ReleaseTerms,
  environment: OfferedEnvironment,
  run: PlannedRun,
  now: Date,
): Decision<UpdateChange, EligibilityError> {
  const eligible = eligibility(release, environment);
  if (!eligible.ok) return eligible;
  const blocking = blockingExtensions(environment.extensions, release.version);
  const update: Update = {
    id: ids.updateId,
    tenantId: environment.tenantId,
    environmentName: environment.name,
    partnerId: environment.partnerId,
    targetVersion: release.version,
    status: 'scheduled',
    operationId: ids.operationId,
    selected: false,
    selectedDateTime: null,
    ignoreUpdateWindow: false,
    ...runOf(run),
    blockingExtensions: blocking,
    failureReason: null,
    availableAt: now,
    startedAt: null,
    completedAt: null,
    updatedAt: now,
  };
  return accept({
    update,
    announce: [
      { type: 'update.available', blockingExtensions: blocking },
      ...(blocking.length > 0
        ? [{ type: 'update.compatibility-warning' as const, blockingExtensions: blocking }]
        : []),
    ],
  });
}

export type ScheduleError = SchedulingError | DomainError<'update-running' | 'update-done'>;

export interface ScheduleContext {
  release: ReleaseTerms;
  environment: EnvironmentFacts & Pick<Environment, 'extensions'>;
  /** The caller's subject, named in update.scheduled. */
  scheduledBy: string;
  /** The operation of a new run, should the decision start one (an update not scheduled now). */
  newOperationId: string;
}

/**
 * PATCH .../updates/{targetVersion}: `selected: true` schedules the update at the time asked for (moved into the
 * window unless it ignores it, before the deadline) as a new run unless it is scheduled already, and pre-checks it
 * again; `selected: false` puts it back on its automatic run. A running update, and one the environment is
 * already past, cannot be changed.
 */
export function decideSchedule(
  update: Update,
  request: { selected: boolean; selectedDateTime?: Date; ignoreUpdateWindow: boolean },
  context: ScheduleContext,
  now: Date,
): Decision<UpdateChange, ScheduleError> {
  const { release, environment } = context;
  if (update.status === 'running')
    return refuse('update-running', `the update to ${release.version} is running`);
  if (update.status === 'succeeded' || update.status === 'skipped') {
    return refuse(
      'update-done',
      `the environment is already on ${environment.applicationVersion}, not older than ${release.version}`,
    );
  }
  if (!request.selected) {
    return accept(
      update.selected
        ? backToAutomaticRun(update, release, environment.window, 'partner', now)
        : { update, announce: [] },
    );
  }
  const run = planSelectedRun(
    {
      ...(request.selectedDateTime ? { selectedDateTime: request.selectedDateTime } : {}),
      ignoreUpdateWindow: request.ignoreUpdateWindow,
    },
    release,
    environment,
    now,
  );
  if (!run.ok) return run;
  const previous = update.status === 'scheduled' && update.selected ? update.scheduledFor : null;
  const next = moved(
    update,
    'scheduled',
    {
      operationId: update.status === 'scheduled' ? update.operationId : context.newOperationId,
      selected: true,
      selectedDateTime: request.selectedDateTime ?? null,
      ignoreUpdateWindow: request.ignoreUpdateWindow,
      ...runOf(run.value),
      blockingExtensions: blockingExtensions(environment.extensions, release.version),
      failureReason: null,
      startedAt: null,
      completedAt: null,
    },
    now,
  );
  return accept({
    update: next,
    announce: [
      previous
        ? { type: 'update.rescheduled', reason: 'partner', previousScheduledFor: previous }
        : { type: 'update.scheduled', scheduledBy: context.scheduledBy },
    ],
  });
}

/**
 * No longer selected (the partner unselected it, or selected another version: one selected version per
 * environment): a scheduled update goes back to its automatic run, the window of its deadline day.
 */
export function backToAutomaticRun(
  update: Update,
  release: ReleaseTerms,
  window: UpdateWindow,
  reason: 'partner' | 'selection-changed',
  now: Date,
): UpdateChange {
  const unselected = {
    ...update,
    selected: false,
    selectedDateTime: null,
    ignoreUpdateWindow: false,
    updatedAt: now,
  };
  if (update.status !== 'scheduled') return { update: unselected, announce: [] };
  return {
    update: { ...unselected, ...runOf(automaticRun(release, window, now)) },
    announce: [{ type: 'update.rescheduled', reason, previousScheduledFor: update.scheduledFor }],
  };
}

/**
 * One selected version per environment: when a partner selects a version, another selected one goes back to
 * its automatic run (selection-changed), unless it is running (its run is under way). Undefined: unchanged.
 */
export function yieldSelection(
  update: Update,
  release: ReleaseTerms,
  window: UpdateWindow,
  now: Date,
): UpdateChange | undefined {
  if (!update.selected || update.status === 'running') return undefined;
  return backToAutomaticRun(update, release, window, 'selection-changed', now);
}

/** Scheduled automatically (nobody selected it): it runs in the window of its deadline day. */
export function isAutomaticRun(update: Pick<Update, 'status' | 'selected'>): boolean {
  return update.status === 'scheduled' && !update.selected;
}

/**
 * A partner cancels the scheduled run (its operation ends `canceled`). Updates other than previews are
 * mandatory by their latest selectable date: a run a partner chose goes back to the automatic run of the
 * deadline day as a new run (update.rescheduled, reason run-canceled), the automatic run itself is refused
 * (move it instead); a preview stays available, unscheduled, until a partner selects it again.
 */
export function decideCancel(
  update: Update,
  release: ReleaseTerms,
  window: UpdateWindow,
  context: { canceledBy: string; newOperationId: string },
  now: Date,
): Decision<UpdateChange, DomainError<'update-not-scheduled' | 'update-mandatory'>> {
  if (update.status !== 'scheduled') {
    return refuse(
      'update-not-scheduled',
      `the update to ${update.targetVersion} is ${update.status}: only a scheduled update can be canceled`,
    );
  }
  const after = runAfterCancel(update, release, window, now);
  if (!after.ok) return after;
  const unselected = { selected: false, selectedDateTime: null, ignoreUpdateWindow: false };
  const ended: Update = { ...update, status: 'available', scheduledFor: null, windowClosesAt: null };
  const canceled: UpdateAnnouncement = {
    type: 'update.canceled',
    reason: 'canceled',
    canceledBy: context.canceledBy,
    as: ended,
  };
  if (after.value.kind === 'held') {
    return accept({
      update: moved(update, 'available', { ...unselected, scheduledFor: null, windowClosesAt: null }, now),
      announce: [canceled],
    });
  }
  return accept({
    update: moved(
      update,
      'scheduled',
      { ...unselected, operationId: context.newOperationId, ...runOf(after.value.run) },
      now,
    ),
    announce: [
      canceled,
      { type: 'update.rescheduled', reason: 'run-canceled', previousScheduledFor: update.scheduledFor },
    ],
  });
}

/**
 * The environment's window changed: a scheduled run moves with it (automatic runs to the new window of their
 * deadline day, chosen ones to the new window at or after the time asked for). Accepted undefined: it does not
 * move; refused when a chosen run would move past its deadline (runAfterWindowChange).
 */
export function moveWithWindow(
  update: Update,
  release: ReleaseTerms,
  window: UpdateWindow,
  now: Date,
): Decision<UpdateChange | undefined, WindowChangeError> {
  const run = scheduledRun(update);
  if (update.status !== 'scheduled' || !run) return accept(undefined);
  const next = runAfterWindowChange(
    {
      selected: update.selected,
      ...(update.selectedDateTime ? { selectedDateTime: update.selectedDateTime } : {}),
      ignoreUpdateWindow: update.ignoreUpdateWindow,
      run,
    },
    release,
    window,
    now,
  );
  if (!next.ok) return next;
  if (
    next.value.scheduledFor.getTime() === run.scheduledFor.getTime() &&
    next.value.windowClosesAt.getTime() === run.windowClosesAt.getTime()
  )
    return accept(undefined);
  return accept({
    update: moved(update, 'scheduled', runOf(next.value), now),
    announce: [
      { type: 'update.rescheduled', reason: 'update-window-changed', previousScheduledFor: run.scheduledFor },
    ],
  });
}

/** A due run starts (the scheduler claimed it): the tenant service applies it. */
export function startRun(update: Update, now: Date): UpdateChange {
  return {
    update: moved(update, 'running', { startedAt: now }, now),
    announce: [{ type: 'update.started' }],
  };
}

/** A scheduled run whose window closed before it could start moves to the next window. */
export function moveMissedRun(update: Update, window: UpdateWindow, now: Date): UpdateChange {
  const run = scheduledRun(update)!;
  return {
    update: moved(update, 'scheduled', runOf(runAfterMiss(run, window, now)), now),
    announce: [{ type: 'update.missed', reason: 'window-passed', missedWindow: missedWindowOf(run, window) }],
  };
}

/** The run reached its version (environment.version-changed with its updateId): succeeded; else undefined. */
export function succeedRun(update: Update, previousVersion: string, now: Date): UpdateChange | undefined {
  if (update.status !== 'running') return undefined;
  return {
    update: moved(
      update,
      'succeeded',
      { completedAt: now, blockingExtensions: [], failureReason: null },
      now,
    ),
    announce: [{ type: 'update.succeeded', previousVersion }],
  };
}

/** What the tenant service made of a run it was asked to apply (update-run.ended). */
export interface RunResult {
  operationId: string;
  outcome: 'succeeded' | 'failed' | 'not-started';
  previousVersion: string;
  blockingExtensions: BlockingExtensionData[];
  reason?: string;
}

/**
 * The end of a run: succeeded; failed (extensions block it: the environment kept its version), which ends the
 * run's operation `failed` and schedules a new attempt seven days later as a new run (retryRun:
 * update.rescheduled, reason retry-after-failure, with its notification); or not started (the environment was
 * busy: tried again 15 minutes later while the window lasts, else missed and moved to the next window). Only
 * the update's current running run ends: a duplicate or a late answer is undefined.
 */
export function endRun(
  update: Update,
  result: RunResult,
  context: { release: ReleaseTerms; window: UpdateWindow; newOperationId: string },
  now: Date,
): UpdateChange | undefined {
  if (update.status !== 'running' || update.operationId !== result.operationId) return undefined;
  if (result.outcome === 'succeeded') return succeedRun(update, result.previousVersion, now);
  const { release, window } = context;
  if (result.outcome === 'failed') {
    const reason = result.reason ?? `the update to ${update.targetVersion} failed`;
    const failed = moved(
      update,
      'failed',
      { completedAt: now, blockingExtensions: result.blockingExtensions, failureReason: reason },
      now,
    );
    const retry = moved(
      failed,
      'scheduled',
      {
        operationId: context.newOperationId,
        selected: false,
        selectedDateTime: null,
        ignoreUpdateWindow: false,
        ...runOf(retryRun(release, window, now)),
        startedAt: null,
        completedAt: null,
      },
      now,
    );
    return {
      update: retry,
      announce: [
        { type: 'update.failed', reason, blockingExtensions: result.blockingExtensions, as: failed },
        {
          type: 'update.rescheduled',
          reason: 'retry-after-failure',
          previousScheduledFor: update.scheduledFor,
        },
      ],
    };
  }
  const run = scheduledRun(update)!;
  const next = afterBusy(run, window, now);
  const retried = moved(update, 'scheduled', { startedAt: null, ...runOf(next.run) }, now);
  return {
    update: retried,
    announce: [
      next.kind === 'retry'
        ? { type: 'update.rescheduled', reason: 'environment-busy', previousScheduledFor: run.scheduledFor }
        : { type: 'update.missed', reason: 'environment-busy', missedWindow: missedWindowOf(run, window) },
    ],
  };
}

/**
 * A pending update that no longer makes sense ends skipped: the environment reached its version or a newer one
 * (`superseded`), or was purged. update.canceled says so, so that its operation ends and the overview drops it.
 */
export function skipPending(
  update: Update,
  reason: 'superseded' | 'environment-purged',
  now: Date,
): UpdateChange | undefined {
  if (!PENDING_STATUSES.includes(update.status)) return undefined;
  return {
    update: moved(update, 'skipped', { scheduledFor: null, windowClosesAt: null, completedAt: now }, now),
    announce: [{ type: 'update.canceled', reason }],
  };
}

/** Whether a pending update is superseded by the environment's version (that version or a newer one). */
export function isSupersededBy(update: Pick<Update, 'targetVersion'>, applicationVersion: string): boolean {
  return !isNewerVersion(update.targetVersion, applicationVersion);
}

/**
 * The installed extensions changed: the pre-check of a pending update follows, and one that an extension now
 * blocks raises update.compatibility-warning (once per set of blocking extensions). Undefined: no change.
 */
export function recheckCompatibility(
  update: Update,
  extensions: Environment['extensions'],
  now: Date,
): UpdateChange | undefined {
  const blocking = blockingExtensions(extensions, update.targetVersion);
  if (sameExtensions(blocking, update.blockingExtensions)) return undefined;
  return {
    update: { ...update, blockingExtensions: blocking, updatedAt: now },
    announce:
      blocking.length > 0 ? [{ type: 'update.compatibility-warning', blockingExtensions: blocking }] : [],
  };
}

/** Whether the update can still be applied to an environment on `applicationVersion` (the API's `available`). */
export function isApplicable(
  update: Pick<Update, 'status' | 'targetVersion'>,
  applicationVersion: string,
): boolean {
  return (
    ['available', 'scheduled', 'failed'].includes(update.status) &&
    isNewerVersion(update.targetVersion, applicationVersion)
  );
}

function missedWindowOf(run: PlannedRun, window: UpdateWindow): { opensAt: Date; closesAt: Date } {
  return {
    opensAt: windowContaining(run.scheduledFor, window)?.opensAt ?? run.scheduledFor,
    closesAt: run.windowClosesAt,
  };
}
