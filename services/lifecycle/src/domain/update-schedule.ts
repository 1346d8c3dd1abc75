import {
  isNewerVersion,
  parseApplicationVersion,
  type EnvironmentType,
  type ReleaseType,
} from '@pac/contracts';
import { accept, refuse, type Decision, type DomainError } from '@pac/domain';
import { addDays, localDateOf } from './local-time';
import { startInWindow, windowOn, type UpdateWindow, type WindowOccurrence } from './update-window';

/**
 * The time rules of updates, pure: when a run starts, which window it belongs to, what happens when it is
 * due, missed, or meets a busy environment. Times are instants; windows are wall-clock times in the
 * environment's zone (see update-window.ts and local-time.ts). What these rules do to an update's state is
 * update.ts's.
 */

/**
 * The end of the "window" of a run that ignores the update window: none. Such a run is never missed nor
 * canceled because a window ended (the reference: "Updates running in this mode aren't automatically canceled
 * when the update window ends"); a busy environment is tried again until it starts. Stored as this instant,
 * shown as null (`shownWindowEnd`).
 */
export const NO_WINDOW_END = new Date('9999-12-31T00:00:00.000Z');

/** A run's window end as the API and the events show it: null for a run that ignores the window. */
export function shownWindowEnd(windowClosesAt: Date | null): string | null {
  if (!windowClosesAt || windowClosesAt.getTime() === NO_WINDOW_END.getTime()) return null;
  return windowClosesAt.toISOString();
}
/** A busy environment is tried again this much later, while its window lasts. */
export const BUSY_RETRY_MS = 15 * 60 * 1000;
/** A failed run is tried again this much later (the reference: "automatically rescheduled seven days later"). */
export const RETRY_AFTER_FAILURE_MS = 7 * 24 * 60 * 60 * 1000;
/** A selected time this little in the past (clocks of callers drift) is taken as "now". */
export const PAST_TOLERANCE_MS = 60 * 1000;

export interface ReleaseTerms {
  version: string;
  type: ReleaseType;
  availableFrom: Date;
  latestSelectableDays: number;
}

export interface EnvironmentFacts {
  type: EnvironmentType;
  applicationVersion: string;
  window: UpdateWindow;
}

/** One run of an update: when it starts, and the end of the window it must start in (else it is missed). */
export interface PlannedRun {
  scheduledFor: Date;
  windowClosesAt: Date;
}

export type EligibilityError = DomainError<
  'preview-on-production' | 'version-not-newer' | 'version-beyond-next-major'
>;

export type SchedulingError =
  EligibilityError | DomainError<'past-latest-selectable-date' | 'selected-time-in-past'>;

/** The major version (26 of 26.1 and of 26.1.12345.0). */
export function majorOf(version: string): number {
  return parseApplicationVersion(version)?.[0] ?? 0;
}

/**
 * Whether a release is for an environment at all: previews only reach sandboxes, and only versions newer
 * than the environment's within its current or next major version (the reference: "any version higher than
 * the current environment version within the environment's current or next major version"); a later major
 * is offered once the environment has reached the one before it.
 */
export function eligibility(
  release: Pick<ReleaseTerms, 'version' | 'type'>,
  environment: Pick<EnvironmentFacts, 'type' | 'applicationVersion'>,
): Decision<true, EligibilityError> {
  if (release.type === 'preview' && environment.type === 'production') {
    return refuse(
      'preview-on-production',
      `${release.version} is a preview: previews are for sandboxes only`,
    );
  }
  if (!isNewerVersion(release.version, environment.applicationVersion)) {
    return refuse(
      'version-not-newer',
      `${release.version} is not newer than the environment's version ${environment.applicationVersion}`,
    );
  }
  const nextMajor = majorOf(environment.applicationVersion) + 1;
  if (majorOf(release.version) > nextMajor) {
    return refuse(
      'version-beyond-next-major',
      `${release.version} is beyond the next major version (${nextMajor}) of the environment's version ` +
        `${environment.applicationVersion}: it is offered once the environment is on ${nextMajor}.x`,
    );
  }
  return accept(true);
}

/** The last day (in the environment's zone) whose window the update may start in: availableFrom's day + N. */
export function latestSelectableDate(release: ReleaseTerms, timeZone: string): string {
  return addDays(localDateOf(release.availableFrom, timeZone), release.latestSelectableDays);
}

/** The window of the deadline day: an update must start before it closes. */
export function deadlineWindow(release: ReleaseTerms, window: UpdateWindow): WindowOccurrence {
  return windowOn(latestSelectableDate(release, window.timeZone), window);
}

/**
 * An update nobody selected runs in the window of its deadline day; if that window has already begun or
 * passed (the environment came late), as soon as a window allows.
 */
export function automaticRun(release: ReleaseTerms, window: UpdateWindow, now: Date): PlannedRun {
  const deadline = deadlineWindow(release, window);
  const from = deadline.opensAt > now ? deadline.opensAt : now;
  const { startsAt, window: occurrence } = startInWindow(from, window);
  return { scheduledFor: startsAt, windowClosesAt: occurrence.closesAt };
}

export interface ScheduleRequest {
  /** When the partner wants it; absent: as soon as possible. */
  selectedDateTime?: Date;
  ignoreUpdateWindow: boolean;
}

/**
 * The run a partner's choice gives (scheduling or rescheduling an update). A time outside the window starts at
 * the next window, unless ignoreUpdateWindow; the start must come before the deadline day's window closes.
 */
export function planSelectedRun(
  request: ScheduleRequest,
  release: ReleaseTerms,
  environment: EnvironmentFacts,
  now: Date,
): Decision<PlannedRun, SchedulingError> {
  const eligible = eligibility(release, environment);
  if (!eligible.ok) return eligible;
  const selected = request.selectedDateTime;
  if (selected && selected.getTime() < now.getTime() - PAST_TOLERANCE_MS) {
    return refuse(
      'selected-time-in-past',
      `selectedDateTime ${selected.toISOString()} is in the past (now is ${now.toISOString()})`,
      'selectedDateTime',
    );
  }
  const requested = selected && selected > now ? selected : now;
  let run: PlannedRun;
  if (request.ignoreUpdateWindow) {
    run = { scheduledFor: requested, windowClosesAt: NO_WINDOW_END };
  } else {
    const { startsAt, window } = startInWindow(requested, environment.window);
    run = { scheduledFor: startsAt, windowClosesAt: window.closesAt };
  }
  const deadline = deadlineWindow(release, environment.window);
  if (run.scheduledFor >= deadline.closesAt) {
    const date = latestSelectableDate(release, environment.window.timeZone);
    return refuse(
      'past-latest-selectable-date',
      `${release.version} must start by the end of the update window of its latest selectable date ` +
        `${date} (${deadline.closesAt.toISOString()}); ${run.scheduledFor.toISOString()} is later`,
    );
  }
  return accept(run);
}

/** A scheduled run found due: it starts if its window is still open, else it was missed. */
export function dueDecision(run: PlannedRun, now: Date): 'start' | 'missed' {
  return now < run.windowClosesAt ? 'start' : 'missed';
}

/**
 * A missed run moves to the next window: the first one open at or after the end of the window it missed (and
 * not in the past). A run that ignores the window is never missed (NO_WINDOW_END).
 */
export function runAfterMiss(run: PlannedRun, window: UpdateWindow, now: Date): PlannedRun {
  const from = run.windowClosesAt > now ? run.windowClosesAt : now;
  const { startsAt, window: occurrence } = startInWindow(from, window);
  return { scheduledFor: startsAt, windowClosesAt: occurrence.closesAt };
}

/**
 * The environment was busy when the run was due: try again a little later in the same window; if the window
 * ends first, the run is missed and moves to the next window.
 */
export function afterBusy(
  run: PlannedRun,
  window: UpdateWindow,
  now: Date,
): { kind: 'retry' | 'missed'; run: PlannedRun } {
  const retryAt = new Date(now.getTime() + BUSY_RETRY_MS);
  if (retryAt < run.windowClosesAt)
    return { kind: 'retry', run: { scheduledFor: retryAt, windowClosesAt: run.windowClosesAt } };
  return { kind: 'missed', run: runAfterMiss(run, window, now) };
}

/**
 * The new attempt after a failed run: seven days later, inside the window, never past the deadline. A retry
 * that would come after the deadline day's window is brought back to that window while it is still to come;
 * once the deadline window has begun or passed (the update is overdue, or failed in that very window), it is
 * tried seven days later, so a failing update never loops within one window.
 */
export function retryRun(release: ReleaseTerms, window: UpdateWindow, now: Date): PlannedRun {
  const retryAt = new Date(now.getTime() + RETRY_AFTER_FAILURE_MS);
  const deadline = deadlineWindow(release, window);
  const from = retryAt >= deadline.closesAt && deadline.opensAt > now ? deadline.opensAt : retryAt;
  const { startsAt, window: occurrence } = startInWindow(from, window);
  return { scheduledFor: startsAt, windowClosesAt: occurrence.closesAt };
}

/** What an update's schedule was built from, to plan it again when the window changes. */
export interface ScheduleChoice {
  selected: boolean;
  selectedDateTime?: Date;
  ignoreUpdateWindow: boolean;
  run: PlannedRun;
}

export type WindowChangeError = DomainError<'scheduled-update-constraint-violation'>;

/**
 * The environment's window changed: an automatic run moves to the new deadline-day window; a selected one to
 * the new window at or after the time asked for; one that ignores the window keeps its time. A selected run
 * the new window would push past the deadline (the close of its latest selectable day's window) is refused,
 * not moved silently: the reference's ScheduledUpgradeConstraintViolation ("the update would occur outside
 * the allowed update date range").
 */
export function runAfterWindowChange(
  choice: ScheduleChoice,
  release: ReleaseTerms,
  window: UpdateWindow,
  now: Date,
): Decision<PlannedRun, WindowChangeError> {
  if (!choice.selected) return accept(automaticRun(release, window, now));
  if (choice.ignoreUpdateWindow) return accept(choice.run);
  const asked = choice.selectedDateTime ?? choice.run.scheduledFor;
  const { startsAt, window: occurrence } = startInWindow(asked > now ? asked : now, window);
  const deadline = deadlineWindow(release, window);
  if (startsAt >= deadline.closesAt) {
    const date = latestSelectableDate(release, window.timeZone);
    return refuse(
      'scheduled-update-constraint-violation',
      `the update to ${release.version} is scheduled for ${asked.toISOString()}: in this window it would start ` +
        `at ${startsAt.toISOString()}, after its latest selectable date ${date} (${deadline.closesAt.toISOString()}); ` +
        'change the window or the update date first',
    );
  }
  return accept({ scheduledFor: startsAt, windowClosesAt: occurrence.closesAt });
}

/**
 * What canceling a scheduled run leaves. Updates other than previews are mandatory by their latest selectable
 * date (as in the Business Central admin center): a run a partner chose goes back to the automatic run of the
 * deadline day, the one every update nobody selected gets (`automaticRun`, one rule), as a new run; the
 * automatic run itself can be moved but not dropped. A preview is never mandatory: its run is dropped and the
 * update waits, available, until a partner selects it.
 */
export type AfterCancel = { kind: 'held' } | { kind: 'automatic'; run: PlannedRun };

export function runAfterCancel(
  choice: { selected: boolean },
  release: ReleaseTerms,
  window: UpdateWindow,
  now: Date,
): Decision<AfterCancel, DomainError<'update-mandatory'>> {
  if (release.type === 'preview') return accept({ kind: 'held' });
  if (choice.selected) return accept({ kind: 'automatic', run: automaticRun(release, window, now) });
  const date = latestSelectableDate(release, window.timeZone);
  return refuse(
    'update-mandatory',
    `${release.version} is mandatory by its latest selectable date ${date}: its automatic run can be ` +
      'moved to another time (PATCH .../updates/{targetVersion}) but not canceled',
  );
}
