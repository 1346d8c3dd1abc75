import { Module, type DynamicModule } from '@nestjs/common';
import { registerClockDrivenJobs, ServiceRuntimeModule, type Logger } from '@pac/bootstrap';
import { ChangeIssueStatusHandler } from './commands/change-issue-status/change-issue-status.handler';
import { ChangeIssueStatusHttp } from './commands/change-issue-status/change-issue-status.http';
import { CreateTelemetryKeyHandler } from './commands/create-telemetry-key/create-telemetry-key.handler';
import { CreateTelemetryKeyHttp } from './commands/create-telemetry-key/create-telemetry-key.http';
import { RevokeTelemetryKeyHandler } from './commands/revoke-telemetry-key/revoke-telemetry-key.handler';
import { RevokeTelemetryKeyHttp } from './commands/revoke-telemetry-key/revoke-telemetry-key.http';
import { SetIssueRuleHandler } from './commands/set-issue-rule/set-issue-rule.handler';
import { SetIssueRuleHttp } from './commands/set-issue-rule/set-issue-rule.http';
import { OnEnvironmentEvents } from './consumers/on-environment-events';
import { OnUpdateEvents } from './consumers/on-update-events';
import { OnTelemetryBatchReceived } from './consumers/on-telemetry-batch-received';
import { OnTenantCreated } from './consumers/on-tenant-created';
import { MaintainPartitionsJob } from './jobs/maintain-partitions.job';
import { ResolveQuietIssuesJob } from './jobs/resolve-quiet-issues.job';
import { EnvironmentEntity } from './persistence/environment.entity';
import { IssueRuleEntity } from './persistence/issue-rule.entity';
import { IssueEntity } from './persistence/issue.entity';
import { CreateTelemetry1764000000000 } from './persistence/migrations/1764000000000-create-telemetry';
import { TelemetryIngestionAndIssues1767400000000 } from './persistence/migrations/1767400000000-telemetry-ingestion-and-issues';
import { TelemetryKeyEntity } from './persistence/telemetry-key.entity';
import { TelemetryRowEntity } from './persistence/telemetry-row.entity';
import { GetIssueRuleHttp } from './queries/get-issue-rule/get-issue-rule.http';
import { ListIssuesHttp } from './queries/list-issues/list-issues.http';
import { ListTelemetryKeysHttp } from './queries/list-telemetry-keys/list-telemetry-keys.http';
import { ResolveTelemetryKeyHttp } from './queries/resolve-telemetry-key/resolve-telemetry-key.http';
import { SearchTelemetryHttp } from './queries/search-telemetry/search-telemetry.http';
import { TelemetrySummaryHttp } from './queries/telemetry-summary/telemetry-summary.http';
import { TelemetryConfig } from './telemetry.config';

/** Telemetry rows per customer (ingested batches and lifecycle events), ingestion keys, and issues. */
@Module({})
export class TelemetryModule {
  static forConfig(config: TelemetryConfig, logger: Logger): DynamicModule {
    return {
      module: TelemetryModule,
      imports: [
        ServiceRuntimeModule.forService({
          name: 'telemetry',
          config,
          logger,
          entities: [TelemetryRowEntity, TelemetryKeyEntity, EnvironmentEntity, IssueEntity, IssueRuleEntity],
          migrations: [CreateTelemetry1764000000000, TelemetryIngestionAndIssues1767400000000],
          // ingest batches (up to 900 KB each) beside the tenant events
          consumerConcurrency: config.TELEMETRY_CONSUMER_CONCURRENCY,
          maxMessageBytes: 1_048_576,
        }),
      ],
      controllers: [
        // telemetry reads
        SearchTelemetryHttp,
        TelemetrySummaryHttp,
        // ingestion keys
        CreateTelemetryKeyHttp,
        ListTelemetryKeysHttp,
        RevokeTelemetryKeyHttp,
        ResolveTelemetryKeyHttp,
        // issues
        ListIssuesHttp,
        ChangeIssueStatusHttp,
        GetIssueRuleHttp,
        SetIssueRuleHttp,
        // event consumers (@EventPattern): ingestion, then the lifecycle rows
        OnTelemetryBatchReceived,
        OnTenantCreated,
        OnEnvironmentEvents,
        OnUpdateEvents,
      ],
      providers: [
        { provide: TelemetryConfig, useValue: config },
        CreateTelemetryKeyHandler,
        RevokeTelemetryKeyHandler,
        ChangeIssueStatusHandler,
        SetIssueRuleHandler,
        ...registerClockDrivenJobs(MaintainPartitionsJob, ResolveQuietIssuesJob),
      ],
    };
  }
}
