import { Module, type DynamicModule } from '@nestjs/common';
import { registerClockDrivenJobs, ServiceRuntimeModule, type Logger } from '@pac/bootstrap';
import { SandboxSaga } from './application/saga';
import { TenantService } from './application/tenant-service';
import { CancelSandboxHandler } from './commands/cancel-sandbox/cancel-sandbox.handler';
import { CancelSandboxHttp } from './commands/cancel-sandbox/cancel-sandbox.http';
import { ExtendSandboxHandler } from './commands/extend-sandbox/extend-sandbox.handler';
import { ExtendSandboxHttp } from './commands/extend-sandbox/extend-sandbox.http';
import { RefreshSandboxHandler } from './commands/refresh-sandbox/refresh-sandbox.handler';
import { RefreshSandboxHttp } from './commands/refresh-sandbox/refresh-sandbox.http';
import { RequestSandboxHandler } from './commands/request-sandbox/request-sandbox.handler';
import { RequestSandboxHttp } from './commands/request-sandbox/request-sandbox.http';
import { OnTenantCreated } from './consumers/on-tenant-created';
import { ExpireSandboxesJob } from './jobs/expire-sandboxes.job';
import { RunSandboxSagaJob } from './jobs/run-sandbox-saga.job';
import { CreateSandboxQuotas1764000000000 } from './persistence/migrations/1764000000000-create-sandbox-quotas';
import { CreateSandboxes1767800000100 } from './persistence/migrations/1767800000100-create-sandboxes';
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
          entities: [SandboxQuotaEntity, SandboxEntity],
          migrations: [CreateSandboxQuotas1764000000000, CreateSandboxes1767800000100],
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
        // event consumers (@EventPattern)
        OnTenantCreated,
      ],
      providers: [
        { provide: SandboxConfig, useValue: config },
        TenantService,
        SandboxSaga,
        RequestSandboxHandler,
        CancelSandboxHandler,
        RefreshSandboxHandler,
        ExtendSandboxHandler,
        ...registerClockDrivenJobs(RunSandboxSagaJob, ExpireSandboxesJob),
      ],
    };
  }
}
