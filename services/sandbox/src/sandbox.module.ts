import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceRuntimeModule, type Logger, type ServiceConfig } from '@pac/bootstrap';
import { OnTenantCreated } from './consumers/on-tenant-created';
import { CreateSandboxQuotas1764000000000 } from './persistence/migrations/1764000000000-create-sandbox-quotas';
import { SandboxQuotaEntity } from './persistence/sandbox-quota.entity';
import { GetSandboxQuotaHttp } from './queries/get-sandbox-quota/get-sandbox-quota.http';

/** Sandboxes copied from a customer's production environment, and their quotas. */
@Module({})
export class SandboxModule {
  static forConfig(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: SandboxModule,
      imports: [
        ServiceRuntimeModule.forService({
          name: 'sandbox',
          config,
          logger,
          entities: [SandboxQuotaEntity],
          migrations: [CreateSandboxQuotas1764000000000],
        }),
      ],
      controllers: [GetSandboxQuotaHttp, OnTenantCreated],
    };
  }
}
