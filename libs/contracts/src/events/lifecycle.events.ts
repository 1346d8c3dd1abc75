import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent, type EventDefinition } from '../event-definition';
import { Topics } from '../topics';
import { APPLICATION_VERSION_PATTERN } from '../application-version';
import { ENVIRONMENT_TYPES, type EnvironmentType } from './environment.events';

/**
 * `admin-center.lifecycle.v1`: releases, update windows and the updates of each environment.
 *
 * Keys and subjects: every update.* and update-window.* event is keyed by the tenant id, subject
 * `tenants/<tenantId>/environments/<name>`. `release.published` is about no tenant: it is keyed by the release
 * version, subject `releases/<version>` (all events of one release stay in order; releases are few).
 */

export const RELEASE_TYPES = ['major', 'minor', 'preview'] as const;
export type ReleaseType = (typeof RELEASE_TYPES)[number];

/**
 * Where an update of one environment stands:
 * `available` (offered, not scheduled: e.g. after its run was canceled), `scheduled` (it will start at
 * `scheduledFor`), `running` (started, the tenant service is applying it), `succeeded`, `failed` (the
 * environment kept its version), `skipped` (the environment reached this version or a newer one otherwise).
 */
export const UPDATE_STATUSES = [
  'available',
  'scheduled',
  'running',
  'succeeded',
  'failed',
  'skipped',
] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

/** "YYYY-MM-DD", a calendar date in the environment's time zone. */
export const LOCAL_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** "HH:mm", 00:00 to 23:59. */
export const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** An installed extension that does not support the target version (minVersion above it or maxVersion below). */
export class BlockingExtensionData {
  @IsUUID() extensionId!: string;
  @IsString() @Length(1, 100) publisher!: string;
  @IsString() @Length(1, 100) name!: string;
  @IsString() @Length(1, 50) version!: string;
  @Matches(APPLICATION_VERSION_PATTERN) minVersion!: string;
  @IsOptional() @Matches(APPLICATION_VERSION_PATTERN) maxVersion?: string;
}

export class UpdateCompatibilityData {
  @IsBoolean() compatible!: boolean;
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => BlockingExtensionData)
  blockingExtensions!: BlockingExtensionData[];
}

/** When an update runs. `scheduledFor` is an instant (UTC); `timeZone` is the environment's window zone. */
export class UpdateScheduleData {
  /** When it starts (or started); null when no run is scheduled. */
  @IsOptional() @IsISO8601() scheduledFor!: string | null;
  /** The end of the window it starts in: not started by then, it is missed and moves to the next window. */
  @IsOptional() @IsISO8601() windowClosesAt!: string | null;
  /** True when a partner chose it; false when it was scheduled automatically (the window of its deadline day). */
  @IsBoolean() selected!: boolean;
  /** The time the partner asked for, before it was moved into a window. */
  @IsOptional() @IsISO8601() selectedDateTime?: string;
  @IsBoolean() ignoreUpdateWindow!: boolean;
  @IsString() @Length(1, 64) timeZone!: string;
}

/** What every update.* event carries: the update of one environment, as it is after the change. */
export class UpdateEventData {
  /** The update of this environment to this version (stable across its runs). */
  @IsUUID() updateId!: string;
  /** The current run: the operation listed in `GET /v1/tenants/{id}/operations`. */
  @IsUUID() operationId!: string;
  @IsUUID() tenantId!: string;
  @IsUUID() partnerId!: string;
  @IsString() @Length(1, 30) environmentName!: string;
  @IsIn(ENVIRONMENT_TYPES) environmentType!: EnvironmentType;
  /** The environment's application version when the event happened. */
  @Matches(APPLICATION_VERSION_PATTERN) currentVersion!: string;
  @Matches(APPLICATION_VERSION_PATTERN) targetVersion!: string;
  @IsIn(RELEASE_TYPES) updateType!: ReleaseType;
  @IsIn(UPDATE_STATUSES) status!: UpdateStatus;
  /** The last day (environment's time zone) on whose window the update may be scheduled. */
  @Matches(LOCAL_DATE_PATTERN) latestSelectableDate!: string;
  @ValidateNested() @Type(() => UpdateScheduleData) schedule!: UpdateScheduleData;
  @IsISO8601() occurredAt!: string;
}

/** A release reached this environment: offered, pre-checked, and scheduled automatically for its deadline day. */
export class UpdateAvailableData extends UpdateEventData {
  @ValidateNested() @Type(() => UpdateCompatibilityData) compatibility!: UpdateCompatibilityData;
}

/** The pre-check found installed extensions that do not support the target version. */
export class UpdateCompatibilityWarningData extends UpdateEventData {
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => BlockingExtensionData)
  blockingExtensions!: BlockingExtensionData[];
}

/** A partner selected this version and its start time. */
export class UpdateScheduledData extends UpdateEventData {
  /** Who scheduled it (the caller's subject). */
  @IsOptional() @IsString() @Length(1, 200) scheduledBy?: string;
}

export const RESCHEDULE_REASONS = [
  /** A partner chose another time. */
  'partner',
  /** The environment's update window changed. */
  'update-window-changed',
  /** A partner selected another version, so this one went back to its automatic time. */
  'selection-changed',
  /** The environment was busy when the update was due; it is tried again later in the same window. */
  'environment-busy',
  /**
   * A partner canceled the run they had chosen (update.canceled): the update, mandatory, went back to its
   * automatic time as a new run (a new operationId).
   */
  'run-canceled',
  /**
   * The run failed (update.failed, naming why): a new attempt, a new run (a new operationId), seven days later
   * inside the window and never past the latest selectable date.
   */
  'retry-after-failure',
] as const;

export class UpdateRescheduledData extends UpdateEventData {
  @IsOptional() @IsISO8601() previousScheduledFor!: string | null;
  @IsIn(RESCHEDULE_REASONS) reason!: (typeof RESCHEDULE_REASONS)[number];
}

export class UpdateStartedData extends UpdateEventData {
  @IsISO8601() startedAt!: string;
}

export class UpdateSucceededData extends UpdateEventData {
  @Matches(APPLICATION_VERSION_PATTERN) previousVersion!: string;
  @IsISO8601() completedAt!: string;
}

export class UpdateFailedData extends UpdateEventData {
  /** Why, for people: e.g. "2 installed extensions do not support 26.1: Contoso Banking, Fabrikam Tax". */
  @IsString() @Length(1, 2000) reason!: string;
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => BlockingExtensionData)
  blockingExtensions!: BlockingExtensionData[];
  @IsISO8601() completedAt!: string;
}

export const MISSED_REASONS = ['environment-busy', 'window-passed'] as const;

export class MissedWindowData {
  @IsISO8601() opensAt!: string;
  @IsISO8601() closesAt!: string;
}

/** The update could not start inside its window; it moved to the next one (`schedule.scheduledFor`). */
export class UpdateMissedData extends UpdateEventData {
  @IsIn(MISSED_REASONS) reason!: (typeof MISSED_REASONS)[number];
  @ValidateNested() @Type(() => MissedWindowData) missedWindow!: MissedWindowData;
}

export const CANCEL_REASONS = [
  /**
   * A partner canceled the scheduled run: a mandatory update goes back to its automatic time as a new run
   * (update.rescheduled, reason run-canceled), a preview stays available.
   */
  'canceled',
  /** The environment reached this version or a newer one: the run is no longer needed (operation skipped). */
  'superseded',
  /** The environment was deleted for good. */
  'environment-purged',
] as const;

export class UpdateCanceledData extends UpdateEventData {
  @IsIn(CANCEL_REASONS) reason!: (typeof CANCEL_REASONS)[number];
  /** Who canceled it (the caller's subject), when a person did. */
  @IsOptional() @IsString() @Length(1, 200) canceledBy?: string;
}

export class UpdateWindowData {
  @Matches(LOCAL_TIME_PATTERN) preferredStartTime!: string;
  @Matches(LOCAL_TIME_PATTERN) preferredEndTime!: string;
  @IsString() @Length(1, 64) timeZone!: string;
}

export class UpdateWindowChangedData {
  @IsUUID() tenantId!: string;
  @IsUUID() partnerId!: string;
  @IsString() @Length(1, 30) environmentName!: string;
  @ValidateNested() @Type(() => UpdateWindowData) window!: UpdateWindowData;
  @IsOptional() @ValidateNested() @Type(() => UpdateWindowData) previousWindow?: UpdateWindowData;
  @IsISO8601() occurredAt!: string;
}

export class ReleasePublishedData {
  @Matches(APPLICATION_VERSION_PATTERN) version!: string;
  @IsIn(RELEASE_TYPES) type!: ReleaseType;
  /** When it reaches every eligible environment. */
  @IsISO8601() availableFrom!: string;
  /** Days after availableFrom during which a partner may pick the update's date. */
  @IsInt() @Min(0) @Max(365) latestSelectableDays!: number;
  @IsISO8601() occurredAt!: string;
}

export const ReleasePublished = defineEvent('release.published', Topics.lifecycle, ReleasePublishedData, {
  key: 'the release version (a release is about no tenant)',
  subject: 'releases/<version>',
});
export const UpdateAvailable = defineEvent('update.available', Topics.lifecycle, UpdateAvailableData);
export const UpdateCompatibilityWarning = defineEvent(
  'update.compatibility-warning',
  Topics.lifecycle,
  UpdateCompatibilityWarningData,
);
export const UpdateScheduled = defineEvent('update.scheduled', Topics.lifecycle, UpdateScheduledData);
export const UpdateRescheduled = defineEvent('update.rescheduled', Topics.lifecycle, UpdateRescheduledData);
export const UpdateStarted = defineEvent('update.started', Topics.lifecycle, UpdateStartedData);
export const UpdateSucceeded = defineEvent('update.succeeded', Topics.lifecycle, UpdateSucceededData);
export const UpdateFailed = defineEvent('update.failed', Topics.lifecycle, UpdateFailedData);
export const UpdateMissed = defineEvent('update.missed', Topics.lifecycle, UpdateMissedData);
export const UpdateCanceled = defineEvent('update.canceled', Topics.lifecycle, UpdateCanceledData);
export const UpdateWindowChanged = defineEvent(
  'update-window.changed',
  Topics.lifecycle,
  UpdateWindowChangedData,
);

/** Every update.* event (each carries the update as it is after the change): what a read model of updates consumes. */
export const UPDATE_EVENTS: EventDefinition<UpdateEventData>[] = [
  UpdateAvailable,
  UpdateCompatibilityWarning,
  UpdateScheduled,
  UpdateRescheduled,
  UpdateStarted,
  UpdateSucceeded,
  UpdateFailed,
  UpdateMissed,
  UpdateCanceled,
];
