import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBooleanString, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { OVERVIEW_UPDATE_STATUSES, type OverviewUpdateStatus } from '@pac/contracts';
import { PageQuery } from './page';

const UPDATE_STATUS_DESCRIPTION = [
  "Where the customer's updates stand, the first that applies:",
  '`running` an update is running on one of its environments;',
  '`failed` its last finished update failed (until a later one ends);',
  '`missed` its last update could not start in its window and moved to the next one;',
  '`scheduled` an update is scheduled (see nextUpdate);',
  '`available` an update is offered but not scheduled (e.g. its run was canceled);',
  '`succeeded` its last update succeeded and nothing is scheduled or offered;',
  '`none` no update so far.',
].join(' ');

export class OverviewQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsBooleanString() hasOpenIssues?: string;
  @ApiPropertyOptional({ enum: OVERVIEW_UPDATE_STATUSES, description: UPDATE_STATUS_DESCRIPTION })
  @IsOptional()
  @IsIn(OVERVIEW_UPDATE_STATUSES)
  updateStatus?: string;
  @ApiPropertyOptional({ description: 'Part of the customer name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class OverviewTenant {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() countryCode!: string;
  @ApiProperty({ enum: ['active', 'suspended', 'offboarded'] }) status!: string;
  @ApiProperty({ type: [String] }) tags!: string[];
}

export class OverviewEnvironmentCounts {
  @ApiProperty() production!: number;
  @ApiProperty() sandbox!: number;
}

const RELEASE_TYPES = ['major', 'minor', 'preview'] as const;

/** Which update of which environment a column of the central view is about. */
export class OverviewUpdateRef {
  @ApiProperty() environmentName!: string;
  @ApiProperty({ enum: ['production', 'sandbox'] }) environmentType!: string;
  @ApiProperty({ example: '26.1' }) targetVersion!: string;
  @ApiProperty({ enum: RELEASE_TYPES }) type!: string;
  @ApiProperty({ format: 'uuid' }) updateId!: string;
  @ApiProperty({ format: 'uuid', description: 'Its run, in GET /v1/tenants/{id}/operations' })
  operationId!: string;
}

/** The customer's earliest scheduled update, across its environments. */
export class OverviewNextUpdate extends OverviewUpdateRef {
  @ApiProperty({
    format: 'date-time',
    description: "When it starts (UTC): the update's scheduleDetails.selectedDateTime",
  })
  scheduledFor!: string;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    description: 'Not started by then, it is missed and moves to the next window',
  })
  windowClosesAt!: string | null;
  @ApiProperty({ description: 'A partner selected it (false: scheduled automatically for its deadline day)' })
  selected!: boolean;
}

/** How the customer's most recent update attempt ended, across its environments. */
export class OverviewLastUpdateResult extends OverviewUpdateRef {
  @ApiProperty({
    enum: ['succeeded', 'failed', 'missed'],
    description: 'missed: it could not start in its window and moved to the next one',
  })
  result!: 'succeeded' | 'failed' | 'missed';
  @ApiProperty({ format: 'date-time', description: 'When it ended (found missed)' }) at!: string;
  @ApiProperty({
    nullable: true,
    description:
      'Why it failed (for people), or was missed (window-passed, environment-busy); null on success',
  })
  reason!: string | null;
}

export class OverviewRowResponse {
  @ApiProperty({ type: OverviewTenant }) tenant!: OverviewTenant;
  @ApiProperty({ type: OverviewEnvironmentCounts }) environments!: OverviewEnvironmentCounts;
  @ApiProperty({ type: [String], description: 'Application versions of its environments, oldest first' })
  versions!: string[];
  @ApiProperty({
    type: OverviewNextUpdate,
    nullable: true,
    description: 'The earliest scheduled update of its environments; null when none is scheduled',
  })
  nextUpdate!: OverviewNextUpdate | null;
  @ApiProperty({
    type: OverviewLastUpdateResult,
    nullable: true,
    description: 'The most recent update attempt that ended (succeeded, failed or missed); null before any',
  })
  lastUpdateResult!: OverviewLastUpdateResult | null;
  @ApiProperty({ enum: OVERVIEW_UPDATE_STATUSES, description: UPDATE_STATUS_DESCRIPTION })
  updateStatus!: OverviewUpdateStatus;
  @ApiProperty() openIssues!: number;
  @ApiProperty() unreadNotifications!: number;
}
