import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/**
 * `admin-center.telemetry.v1`: the issues the telemetry service opens when an environment's errors spike.
 * Keyed by the tenant id, subject `tenants/<tenantId>/environments/<name>`.
 */
export const ISSUE_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/** Why an issue was resolved: a partner said so, or its errors stopped for the configured quiet period. */
export const ISSUE_RESOLUTIONS = ['partner', 'quiet'] as const;
export type IssueResolution = (typeof ISSUE_RESOLUTIONS)[number];

/** What every issue.* event carries: the issue as it is after the change. */
export class IssueEventData {
  @IsUUID() issueId!: string;
  @IsUUID() tenantId!: string;
  @IsUUID() partnerId!: string;
  @IsString() @Length(1, 30) environmentName!: string;
  /** The telemetry event id whose errors spiked (e.g. `RT0012`). */
  @IsString() @Length(1, 100) eventId!: string;
  @IsIn(ISSUE_STATUSES) status!: IssueStatus;
  /** Error and critical events of this environment and event id counted since the issue opened. */
  @IsInt() @Min(1) count!: number;
  @IsISO8601() firstSeenAt!: string;
  @IsISO8601() lastSeenAt!: string;
  @IsISO8601() occurredAt!: string;
}

/** A spike opened the issue: at least the tenant's threshold of errors within its window. */
export class IssueOpenedData extends IssueEventData {
  /** The rule that fired: this many error or critical events within this many minutes. */
  @IsInt() @Min(1) threshold!: number;
  @IsInt() @Min(1) windowMinutes!: number;
}

export class IssueAcknowledgedData extends IssueEventData {
  /** Who acknowledged it (the caller's subject). */
  @IsString() @Length(1, 200) acknowledgedBy!: string;
}

export class IssueResolvedData extends IssueEventData {
  @IsIn(ISSUE_RESOLUTIONS) resolution!: IssueResolution;
  /** Who resolved it, when a partner did. */
  @IsOptional() @IsString() @Length(1, 200) resolvedBy?: string;
}

export const IssueOpened = defineEvent('issue.opened', Topics.telemetry, IssueOpenedData);
export const IssueAcknowledged = defineEvent('issue.acknowledged', Topics.telemetry, IssueAcknowledgedData);
export const IssueResolved = defineEvent('issue.resolved', Topics.telemetry, IssueResolvedData);

/** Every issue.* event: what a read model of open issues (the central view) consumes. */
export const ISSUE_EVENTS = [IssueOpened, IssueAcknowledged, IssueResolved];
