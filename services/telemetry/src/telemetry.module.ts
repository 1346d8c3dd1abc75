import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceRuntimeModule, type Logger, type ServiceConfig } from '@pac/bootstrap';
import { OnTenantCreated } from './consumers/on-tenant-created';
import { CreateTelemetry1764000000000 } from './persistence/migrations/1764000000000-create-telemetry';
import { TelemetryRowEntity } from './persistence/telemetry-row.entity';
import { ListTelemetryHttp } from './queries/list-telemetry/list-telemetry.http';

/** Telemetry rows per customer (lifecycle events and, later, what environments emit) and issues. */
@Module({})
export class TelemetryModule {
  static forConfig(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: TelemetryModule,
      imports: [
        ServiceRuntimeModule.forService({
          name: 'telemetry',
          config,
          logger,
          entities: [TelemetryRowEntity],
          migrations: [CreateTelemetry1764000000000],
        }),
      ],
      controllers: [ListTelemetryHttp, OnTenantCreated],
    };
  }
}
