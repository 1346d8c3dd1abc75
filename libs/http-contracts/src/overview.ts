import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBooleanString, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from './page';

/** Where a customer's updates stand, for filtering the central view. */
export const OVERVIEW_UPDATE_STATUSES = [
  'none',
  'available',
  'scheduled',
  'running',
  'succeeded',
  'failed',
  'missed',
] as const;

export class OverviewQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsBooleanString() hasOpenIssues?: string;
  @ApiPropertyOptional({ enum: OVERVIEW_UPDATE_STATUSES })
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

export class OverviewRowResponse {
  @ApiProperty({ type: OverviewTenant }) tenant!: OverviewTenant;
  @ApiProperty({ type: OverviewEnvironmentCounts }) environments!: OverviewEnvironmentCounts;
  @ApiProperty({ type: [String], description: 'Application versions of its environments, oldest first' })
  versions!: string[];
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: 'The earliest scheduled update',
  })
  nextUpdate!: Record<string, unknown> | null;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: 'The latest finished update',
  })
  lastUpdateResult!: Record<string, unknown> | null;
  @ApiProperty({ enum: OVERVIEW_UPDATE_STATUSES }) updateStatus!: string;
  @ApiProperty() openIssues!: number;
  @ApiProperty() unreadNotifications!: number;
}
