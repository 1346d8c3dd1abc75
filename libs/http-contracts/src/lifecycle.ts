import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  APPLICATION_VERSION_PATTERN,
  ENVIRONMENT_TYPES,
  EnvironmentEventData,
  RELEASE_TYPES,
  TENANT_STATUSES,
  UPDATE_STATUSES,
  type EnvironmentType,
  type ReleaseType,
  type TenantStatus,
  type UpdateStatus,
} from '@pac/contracts';
import { BulkRequest } from './bulk';
import { PageQuery } from './page';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class PublishReleaseRequest {
  @ApiProperty({ example: '26.1', description: 'major.minor' })
  @IsString()
  @Matches(APPLICATION_VERSION_PATTERN, { message: 'version must be "major.minor", e.g. 26.1' })
  version!: string;

  @ApiProperty({ enum: RELEASE_TYPES, description: 'preview releases reach sandboxes only' })
  @IsIn(RELEASE_TYPES)
  type!: ReleaseType;

  @ApiProperty({
    format: 'date-time',
    example: '2026-04-01T00:00:00Z',
    description: 'When it reaches every eligible environment',
  })
  @IsISO8601({ strict: true }, { message: 'availableFrom must be an ISO 8601 date-time' })
  availableFrom!: string;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 365,
    example: 30,
    description: 'Days after availableFrom during which partners may pick the date',
  })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(365)
  latestSelectableDays!: number;
}

export class ReleaseResponse {
  @ApiProperty({ example: '26.1' }) version!: string;
  @ApiProperty({ enum: RELEASE_TYPES }) type!: ReleaseType;
  @ApiProperty({ format: 'date-time' }) availableFrom!: string;
  @ApiProperty() latestSelectableDays!: number;
  @ApiProperty({
    enum: ['announced', 'distributing', 'available'],
    description: 'announced: before availableFrom; available: offered to every eligible environment',
  })
  status!: 'announced' | 'distributing' | 'available';
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
}

export class ListReleasesQuery extends PageQuery {}

/** `GET .../updates`: oldest target version first, paged like every list. */
export class ListUpdatesQuery extends PageQuery {}

export class UpdateWindowRequest {
  @ApiProperty({ example: '22:00', description: 'HH:mm, local time in timeZone' })
  @IsString()
  @Matches(HH_MM, { message: 'preferredStartTime must be a time "HH:mm"' })
  preferredStartTime!: string;

  @ApiProperty({
    example: '06:00',
    description: 'HH:mm; at or before the start means the next day; at least 6 hours after the start',
  })
  @IsString()
  @Matches(HH_MM, { message: 'preferredEndTime must be a time "HH:mm"' })
  preferredEndTime!: string;

  @ApiProperty({ example: 'Europe/Paris', description: 'IANA time zone' })
  @IsString()
  @MaxLength(64)
  timeZone!: string;
}

export class UpdateWindowResponse {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty() environmentName!: string;
  @ApiProperty({ example: '22:00' }) preferredStartTime!: string;
  @ApiProperty({ example: '06:00' }) preferredEndTime!: string;
  @ApiProperty({ example: 'Europe/Paris' }) timeZone!: string;
  @ApiProperty({
    format: 'date-time',
    description: 'The next time the window opens (UTC), as computed in its time zone',
  })
  nextOpensAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When that window closes (UTC)' })
  nextClosesAt!: string;
}

/** The window a tenant's new environments start with (`GET .../update-window-policy`). */
export class UpdateWindowPolicyResponse {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ example: '22:00' }) preferredStartTime!: string;
  @ApiProperty({ example: '06:00' }) preferredEndTime!: string;
  @ApiProperty({ example: 'Europe/Paris' }) timeZone!: string;
}

export class ScheduleUpdateRequest {
  @ApiProperty({
    description: 'true schedules this version (one selected version per environment); false unselects it',
  })
  @IsBoolean()
  selected!: boolean;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'When to start; outside the update window it starts when the next window opens, unless ignoreUpdateWindow. Absent: as soon as a window allows',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'selectedDateTime must be an ISO 8601 date-time' })
  selectedDateTime?: string;

  @ApiPropertyOptional({ default: false, description: 'Start at selectedDateTime even outside the window' })
  @IsOptional()
  @IsBoolean()
  ignoreUpdateWindow?: boolean;
}

export class BlockingExtension {
  @ApiProperty({ format: 'uuid' }) extensionId!: string;
  @ApiProperty() publisher!: string;
  @ApiProperty() name!: string;
  @ApiProperty() version!: string;
  @ApiProperty({ example: '25.0' }) minVersion!: string;
  @ApiPropertyOptional({ example: '26.0' }) maxVersion?: string;
}

export class UpdateCompatibility {
  @ApiProperty({ description: 'Every installed extension supports the target version' }) compatible!: boolean;
  @ApiProperty({ type: [BlockingExtension] }) blockingExtensions!: BlockingExtension[];
}

export class UpdateScheduleDetails {
  @ApiProperty({
    example: '2026-05-01',
    description: 'The last day (environment time zone) whose window the update may start in',
  })
  latestSelectableDate!: string;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    description: 'When the update starts (UTC): the time chosen, moved into the window unless ignored',
  })
  selectedDateTime!: string | null;
  @ApiProperty() ignoreUpdateWindow!: boolean;
  @ApiProperty({ enum: UPDATE_STATUSES }) status!: UpdateStatus;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'The time the partner asked for' })
  requestedDateTime?: string | null;
  @ApiPropertyOptional({
    format: 'date-time',
    nullable: true,
    description: 'Not started by then, the update is missed and moves to the next window',
  })
  windowClosesAt?: string | null;
  @ApiPropertyOptional({ description: 'Scheduled automatically (nobody selected it) for its deadline day' })
  automatic?: boolean;
}

export class UpdateResponse {
  @ApiProperty({ example: '26.1' }) targetVersion!: string;
  @ApiProperty({ enum: RELEASE_TYPES }) type!: ReleaseType;
  @ApiProperty({ description: 'It can still be applied to this environment' }) available!: boolean;
  @ApiProperty({ description: 'A partner selected this version' }) selected!: boolean;
  @ApiProperty({ type: UpdateCompatibility }) compatibility!: UpdateCompatibility;
  @ApiProperty({ type: UpdateScheduleDetails }) scheduleDetails!: UpdateScheduleDetails;
  @ApiProperty({ format: 'uuid' }) updateId!: string;
  @ApiProperty({ format: 'uuid', description: 'The current run, in GET /v1/tenants/{id}/operations' })
  operationId!: string;
  @ApiPropertyOptional({ nullable: true, description: 'Why the last run failed' }) failureReason?:
    string | null;
}

/**
 * The lifecycle service's internal answer when it cancels the run of an update by its operation (for the
 * gateway's POST /v1/operations/{id}/cancel): the instant it was canceled, which is the operation's
 * completedAt once update.canceled reaches the tenant service, and the update as it now is.
 */
export interface CanceledUpdateOperation {
  operationId: string;
  canceledAt: string;
  update: UpdateResponse;
}

export class EnvironmentUpdateWindowResponse extends UpdateWindowResponse {
  @ApiProperty({ enum: ENVIRONMENT_TYPES }) environmentType!: EnvironmentType;
  @ApiProperty({ example: '26.0' }) applicationVersion!: string;
}

/** `POST /v1/bulk/update-window`: the same window for the environments of many customers. */
export class BulkUpdateWindowRequest extends BulkRequest {
  @ApiProperty({ example: '22:00', description: 'HH:mm, local time in timeZone' })
  @IsString()
  @Matches(HH_MM, { message: 'preferredStartTime must be a time "HH:mm"' })
  preferredStartTime!: string;

  @ApiProperty({ example: '06:00', description: 'HH:mm; at least 6 hours after the start' })
  @IsString()
  @Matches(HH_MM, { message: 'preferredEndTime must be a time "HH:mm"' })
  preferredEndTime!: string;

  @ApiProperty({ example: 'Europe/Paris', description: 'IANA time zone' })
  @IsString()
  @MaxLength(64)
  timeZone!: string;

  @ApiPropertyOptional({
    enum: ENVIRONMENT_TYPES,
    description: 'Only environments of this type (default: every environment)',
  })
  @IsOptional()
  @IsIn(ENVIRONMENT_TYPES)
  environmentType?: EnvironmentType;
}

/** `POST /v1/bulk/schedule-update`: schedule one version on the environments of many customers. */
export class BulkScheduleUpdateRequest extends BulkRequest {
  @ApiProperty({ example: '26.1', description: 'The release version to schedule' })
  @IsString()
  @Matches(APPLICATION_VERSION_PATTERN, { message: 'targetVersion must be "major.minor", e.g. 26.1' })
  targetVersion!: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'When to start; outside each environment’s window it starts at the next window, unless ignoreUpdateWindow',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'selectedDateTime must be an ISO 8601 date-time' })
  selectedDateTime?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  ignoreUpdateWindow?: boolean;

  @ApiPropertyOptional({
    enum: ENVIRONMENT_TYPES,
    description: 'Only environments of this type (default: every environment the version is for)',
  })
  @IsOptional()
  @IsIn(ENVIRONMENT_TYPES)
  environmentType?: EnvironmentType;
}

/** `POST /v1/bulk/update-window` for one tenant, as the lifecycle service receives it (internal). */
export class TenantUpdateWindowChange extends OmitType(BulkUpdateWindowRequest, ['tenantIds'] as const) {}

/** `POST /v1/bulk/schedule-update` for one tenant, as the lifecycle service receives it (internal). */
export class TenantUpdateSchedule extends OmitType(BulkScheduleUpdateRequest, ['tenantIds'] as const) {}

/** The tenant of an environment snapshot (internal): what the lifecycle service's tenant directory keeps. */
export class SnapshotTenant {
  @IsString() @MaxLength(200) name!: string;
  @IsIn(TENANT_STATUSES) status!: TenantStatus;
}

/**
 * Internal (`PUT /tenants/{id}/environments/{name}/snapshot`, gateway to lifecycle service only, no public
 * route): an environment the tenant service shows, as it showed it to the caller, which the lifecycle
 * service does not know yet because its events have not arrived. The lifecycle service learns it with the
 * lowest precedence (`occurredAt` of the epoch: any event about it wins), so a window set now is not lost
 * and no environment-scoped route answers 404 for an environment the environments resource shows.
 */
export class EnvironmentSnapshotRequest extends EnvironmentEventData {
  @ValidateNested() @Type(() => SnapshotTenant) tenant!: SnapshotTenant;
}
