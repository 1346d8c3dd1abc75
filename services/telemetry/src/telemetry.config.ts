import { integerSetting, ServiceConfig } from '@pac/bootstrap';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { DEFAULT_ISSUE_RULE, ISSUE_RULE_LIMITS, type IssueRule } from './domain/issue';

/** The telemetry service's own settings, on top of every service's. */
export class TelemetryConfig extends ServiceConfig {
  /** Days telemetry rows are kept: older days' partitions are dropped (whole days, UTC). */
  @Transform(integerSetting) @IsInt() @Min(1) @Max(3650) TELEMETRY_RETENTION_DAYS = 30;

  /** How often (real time) partitions are made ahead and dropped past retention; also whenever the clock moves. */
  @Transform(integerSetting) @IsInt() @Min(1000) TELEMETRY_PARTITION_INTERVAL_MS = 3_600_000;

  /** How often (real time) quiet issues are resolved; also whenever the clock moves. */
  @Transform(integerSetting) @IsInt() @Min(100) ISSUE_RESOLUTION_INTERVAL_MS = 30_000;

  /** The issue rule of a tenant that has none of its own (PUT /v1/tenants/{id}/issue-rule sets one). */
  @Transform(integerSetting)
  @IsInt()
  @Min(ISSUE_RULE_LIMITS.threshold.min)
  @Max(ISSUE_RULE_LIMITS.threshold.max)
  ISSUE_THRESHOLD = DEFAULT_ISSUE_RULE.threshold;

  @Transform(integerSetting)
  @IsInt()
  @Min(ISSUE_RULE_LIMITS.windowMinutes.min)
  @Max(ISSUE_RULE_LIMITS.windowMinutes.max)
  ISSUE_WINDOW_MINUTES = DEFAULT_ISSUE_RULE.windowMinutes;

  @Transform(integerSetting)
  @IsInt()
  @Min(ISSUE_RULE_LIMITS.quietMinutes.min)
  @Max(ISSUE_RULE_LIMITS.quietMinutes.max)
  ISSUE_QUIET_MINUTES = DEFAULT_ISSUE_RULE.quietMinutes;

  /** Partitions whose messages one instance handles at once (ingest batches and tenant events). */
  @Transform(integerSetting) @IsInt() @Min(1) @Max(12) TELEMETRY_CONSUMER_CONCURRENCY = 3;

  get defaultIssueRule(): IssueRule {
    return {
      threshold: this.ISSUE_THRESHOLD,
      windowMinutes: this.ISSUE_WINDOW_MINUTES,
      quietMinutes: this.ISSUE_QUIET_MINUTES,
    };
  }
}
