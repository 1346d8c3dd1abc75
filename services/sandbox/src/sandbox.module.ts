import { Module, type DynamicModule } from '@nestjs/common';
import { registerClockDrivenJobs, ServiceRuntimeModule, type Logger } from '@pac/bootstrap';
import { SandboxSaga } from './application/saga';
import { SandboxRequests } from './application/sandbox-requests';
import { TenantService } from './application/tenant-service';
import { CancelSandboxHandler } from './commands/cancel-sandbox/cancel-sandbox.handler';
import { CancelSandboxHttp } from './commands/cancel-sandbox/cancel-sandbox.http';
import { ExtendSandboxHandler } from './commands/extend-sandbox/extend-sandbox.handler';
import { ExtendSandboxHttp } from './commands/extend-sandbox/extend-sandbox.http';
import { RefreshSandboxHandler } from './commands/refresh-sandbox/refresh-sandbox.handler';
import { RefreshSandboxHttp } from './commands/refresh-sandbox/refresh-sandbox.http';
import { RequestSandboxHttp } from './commands/request-sandbox/request-sandbox.http';
import { SandboxForIssueHttp } from './commands/sandbox-for-issue/sandbox-for-issue.http';
import { OnIssueOpened } from './consumers/on-issue-opened';
import { OnTenantCreated } from './consumers/on-tenant-created';
import { ExpireSandboxesJob } from './jobs/expire-sandboxes.job';
import { RunSandboxSagaJob } from './jobs/run-sandbox-saga.job';
import { CreateSandboxQuotas1764000000000 } from './persistence/migrations/1764000000000-create-sandbox-quotas';
import { CreateSandboxes1767800000100 } from './persistence/migrations/1767800000100-create-sandboxes';
import { CreateKnownIssues1767800000200 } from './persistence/migrations/1767800000200-create-known-issues';
import { SandboxExpiryWarning1767800000300 } from './persistence/migrations/1767800000300-sandbox-expiry-warning';
import { KnownIssueEntity } from './persistence/issue.entity';
import { SandboxQuotaEntity } from './persistence/sandbox-quota.entity';
import { SandboxEntity } from './persistence/sandbox.entity';
import { GetSandboxHttp } from './queries/get-sandbox/get-sandbox.http';
import { GetSandboxQuotaHttp } from './queries/get-sandbox-quota/get-sandbox-quota.http';
import { ListSandboxesHttp } from './queries/list-sandboxes/list-sandboxes.http';
import { SandboxConfig } from './sandbox.config';

/** Sandboxes: copies of a customer's environment made by a saga over the tenant service (docs/sandboxes.md). */
@Module({})
export class SandboxModule {
  static forConfig(config: SandboxConfig, logger: Logger): DynamicModule {
    return {
      module: SandboxModule,
      imports: [
        ServiceRuntimeModule.forService({
          name: 'sandbox',
          config,
          logger,
          entities: [SandboxQuotaEntity, SandboxEntity, KnownIssueEntity],
          migrations: [
            CreateSandboxQuotas1764000000000,
            CreateSandboxes1767800000100,
            CreateKnownIssues1767800000200,
            SandboxExpiryWarning1767800000300,
          ],
        }),
      ],
      controllers: [
        GetSandboxQuotaHttp,
        RequestSandboxHttp,
        ListSandboxesHttp,
        GetSandboxHttp,
        CancelSandboxHttp,
        RefreshSandboxHttp,
        ExtendSandboxHttp,
        SandboxForIssueHttp,
        // event consumers (@EventPattern)
        OnTenantCreated,
        OnIssueOpened,
      ],
      providers: [
        { provide: SandboxConfig, useValue: config },
        TenantService,
        SandboxSaga,
        SandboxRequests,
        CancelSandboxHandler,
        RefreshSandboxHandler,
        ExtendSandboxHandler,
        ...registerClockDrivenJobs(RunSandboxSagaJob, ExpireSandboxesJob),
      ],
    };
  }
}
