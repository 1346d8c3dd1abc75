import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  ISSUE_STATUSES,
  TELEMETRY_EVENT_ID_PATTERN,
  TELEMETRY_SEVERITIES,
  type IssueStatus,
  type TelemetrySeverity,
} from '@pac/contracts';
import { PageQuery } from './page';

export class TelemetryRowResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiPropertyOptional({ nullable: true }) environmentName!: string | null;
  @ApiProperty({ format: 'date-time' }) timestamp!: string;
  @ApiProperty({ enum: TELEMETRY_SEVERITIES }) severity!: TelemetrySeverity;
  @ApiProperty() eventId!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) dimensions!: Record<string, unknown>;
}

/** One severity, or several separated by commas (`error,critical`). */
const SEVERITY_LIST = new RegExp(
  `^(${TELEMETRY_SEVERITIES.join('|')})(,(${TELEMETRY_SEVERITIES.join('|')}))*$`,
);

/** `from` and `to` of telemetry reads: instants with an offset, `from` included, `to` excluded. */
class TelemetryTimeRange {
  @ApiPropertyOptional({ format: 'date-time', description: 'From this instant (included)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Until this instant (excluded)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'Only this environment (by name)' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  environment?: string;
}

export class ListTelemetryQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ description: 'Only this environment (by name)' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  environment?: string;

  @ApiPropertyOptional({ description: 'A severity, or several separated by commas (error,critical)' })
  @IsOptional()
  @Matches(SEVERITY_LIST, { message: `severity must be one or more of ${TELEMETRY_SEVERITIES.join(', ')}` })
  severity?: string;

  @ApiPropertyOptional({ description: 'Only this event id' })
  @IsOptional()
  @MaxLength(100)
  @Matches(TELEMETRY_EVENT_ID_PATTERN, { message: 'eventId is letters, digits and _ . : / -' })
  eventId?: string;

  @ApiPropertyOptional({
    description: 'Words the message contains (all of them, any case, anywhere in the message)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export const SUMMARY_BUCKETS = ['5m', '1h', '1d'] as const;
export type SummaryBucket = (typeof SUMMARY_BUCKETS)[number];

export class TelemetrySummaryQuery extends TelemetryTimeRange {
  @ApiPropertyOptional({ enum: SUMMARY_BUCKETS, default: '1h' })
  @IsOptional()
  @IsIn(SUMMARY_BUCKETS)
  bucket?: SummaryBucket;
}

export class SeverityCounts {
  @ApiProperty() verbose!: number;
  @ApiProperty() info!: number;
  @ApiProperty() warning!: number;
  @ApiProperty() error!: number;
  @ApiProperty() critical!: number;
}

export class TelemetrySummaryBucket {
  @ApiProperty({ format: 'date-time', description: 'Start of the bucket (UTC)' }) start!: string;
  @ApiProperty({ type: SeverityCounts }) counts!: SeverityCounts;
}

export class TelemetryTopEventId {
  @ApiProperty() eventId!: string;
  @ApiProperty() count!: number;
  @ApiProperty({ description: 'Of which error or critical' }) errors!: number;
}

export class TelemetrySummaryResponse {
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    description: 'As asked; null: the default range (the last day, or the last 30 days for 1d buckets)',
  })
  from!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, description: 'As asked; null: now' })
  to!: string | null;
  @ApiProperty({ enum: SUMMARY_BUCKETS }) bucket!: SummaryBucket;
  @ApiProperty({ type: SeverityCounts, description: 'Counts over the whole range' }) totals!: SeverityCounts;
  @ApiProperty({ type: [TelemetrySummaryBucket], description: 'Buckets with events, oldest first' })
  buckets!: TelemetrySummaryBucket[];
  @ApiProperty({ type: [TelemetryTopEventId], description: 'The 10 most frequent event ids' })
  topEventIds!: TelemetryTopEventId[];
}

/** A new ingestion key: the secret `key` is shown this once (only its hash is stored). */
export class TelemetryKeyCreatedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The secret to send in x-telemetry-key; shown once' }) key!: string;
  @ApiProperty() environmentName!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class TelemetryKeyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() environmentName!: string;
  @ApiProperty({ description: 'The first characters of the key, to tell keys apart' }) keyPrefix!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** Internal (gateway → telemetry): which environment a presented key writes, by the key's SHA-256. */
export class ResolveTelemetryKeyRequest {
  @Matches(/^[0-9a-f]{64}$/, { message: 'keyHash must be a hex SHA-256' }) keyHash!: string;
}

export class TelemetryKeyResolution {
  @ApiProperty({ format: 'uuid' }) keyId!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ format: 'uuid' }) partnerId!: string;
  @ApiProperty() environmentName!: string;
}

/** `202` of POST /v1/telemetry. */
export class TelemetryAcceptedResponse {
  @ApiProperty({ description: 'Events accepted (the whole batch)' }) accepted!: number;
}

export class IssueResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty() environmentName!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty({ enum: ISSUE_STATUSES }) status!: IssueStatus;
  @ApiProperty({ description: 'Error and critical events counted since it opened' }) count!: number;
  @ApiProperty({ format: 'date-time' }) firstSeenAt!: string;
  @ApiProperty({ format: 'date-time' }) lastSeenAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true }) acknowledgedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) resolvedAt!: string | null;
}

export class ListIssuesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ISSUE_STATUSES }) @IsOptional() @IsIn(ISSUE_STATUSES) status?: IssueStatus;
}

/** When a tenant's issues open and resolve: `threshold` error or critical events of one environment and
 * event id within `windowMinutes` open one; none for `quietMinutes` resolves it. */
export class IssueRuleRequest {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1_000_000, example: 50 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  threshold!: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1440, example: 5 })
  @IsInt()
  @Min(1)
  @Max(1440)
  windowMinutes!: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10080, example: 60 })
  @IsInt()
  @Min(1)
  @Max(10080)
  quietMinutes!: number;
}

export class IssueRuleResponse extends IssueRuleRequest {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
}
