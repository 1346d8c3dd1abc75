import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { APPLICATION_VERSION_PATTERN } from '../application-version';
import { BlockingExtensionData } from './lifecycle.events';

/**
 * `admin-center.internal.update-results` (internal, may change freely): the tenant service tells the lifecycle
 * service what became of an `update.started` that did not succeed. Keyed by tenant id like every tenant-scoped
 * event. Success is the public fact `environment.version-changed` carrying the `updateId` (one event fewer per
 * update in a wave); `succeeded` stays a valid outcome, handled the same way.
 *
 * - `failed`: extensions block it; the environment kept its version;
 * - `not-started`: the environment could not take the update now (busy: preparing, already updating,
 *   soft-deleted, or gone); the lifecycle service retries within the window or marks it missed.
 */
export const UPDATE_RUN_OUTCOMES = ['succeeded', 'failed', 'not-started'] as const;
export type UpdateRunOutcome = (typeof UPDATE_RUN_OUTCOMES)[number];

export class UpdateRunEndedData {
  @IsUUID() updateId!: string;
  @IsUUID() operationId!: string;
  @IsUUID() tenantId!: string;
  @IsUUID() partnerId!: string;
  @IsString() @Length(1, 30) environmentName!: string;
  @Matches(APPLICATION_VERSION_PATTERN) targetVersion!: string;
  @IsIn(UPDATE_RUN_OUTCOMES) outcome!: UpdateRunOutcome;
  /** The environment's version before the run. */
  @Matches(APPLICATION_VERSION_PATTERN) previousVersion!: string;
  /** Its version after the run (the target when it succeeded). */
  @Matches(APPLICATION_VERSION_PATTERN) applicationVersion!: string;
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => BlockingExtensionData)
  blockingExtensions!: BlockingExtensionData[];
  /** For failed and not-started: why, for people. */
  @IsOptional() @IsString() @Length(1, 2000) reason?: string;
  @IsISO8601() occurredAt!: string;
}

export const UpdateRunEnded = defineEvent('update-run.ended', Topics.updateResults, UpdateRunEndedData);
