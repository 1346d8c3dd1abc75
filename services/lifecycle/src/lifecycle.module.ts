import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceRuntimeModule, type Logger, type ServiceConfig } from '@pac/bootstrap';
import { OnTenantCreated } from './consumers/on-tenant-created';
import { CreateUpdateWindowPolicies1764000000000 } from './persistence/migrations/1764000000000-create-update-window-policies';
import { UpdateWindowPolicyEntity } from './persistence/update-window-policy.entity';
import { GetUpdateWindowPolicyHttp } from './queries/get-update-window-policy/get-update-window-policy.http';

/** Releases, update windows and scheduled updates. */
@Module({})
export class LifecycleModule {
  static forConfig(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: LifecycleModule,
      imports: [
        ServiceRuntimeModule.forService({
          name: 'lifecycle',
          config,
          logger,
          entities: [UpdateWindowPolicyEntity],
          migrations: [CreateUpdateWindowPolicies1764000000000],
          eventHandlers: [OnTenantCreated],
        }),
      ],
      controllers: [GetUpdateWindowPolicyHttp],
    };
  }
}
