import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceRuntimeModule, type Logger, type ServiceConfig } from '@pac/bootstrap';
import { CreateSandboxQuotas1764000000000 } from './persistence/migrations/1764000000000-create-sandbox-quotas';
import { DropSandboxQuotas1767700000200 } from './persistence/migrations/1767700000200-drop-sandbox-quotas';

/**
 * Sandboxes copied from a customer's environments (issue 14). Today only its runtime and its tenant
 * directory: the sandbox quota is the tenant service's (GET /v1/tenants/{id}/environment-quotas, issue 11).
 */
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
          entities: [],
          // the first created the quota table this service no longer keeps; landed migrations stay listed
          migrations: [CreateSandboxQuotas1764000000000, DropSandboxQuotas1767700000200],
        }),
      ],
      controllers: [],
    };
  }
}
