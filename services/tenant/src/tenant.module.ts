import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceRuntimeModule, type Logger, type ServiceConfig } from '@pac/bootstrap';
import { ChangeTenantStatusHandler } from './commands/change-tenant-status/change-tenant-status.handler';
import { ChangeTenantStatusHttp } from './commands/change-tenant-status/change-tenant-status.http';
import { CreatePartnerHandler } from './commands/create-partner/create-partner.handler';
import { CreatePartnerHttp } from './commands/create-partner/create-partner.http';
import { CreateTenantHandler } from './commands/create-tenant/create-tenant.handler';
import { CreateTenantHttp } from './commands/create-tenant/create-tenant.http';
import { UpdateTenantHandler } from './commands/update-tenant/update-tenant.handler';
import { UpdateTenantHttp } from './commands/update-tenant/update-tenant.http';
import { CreatePartnersAndTenants1764000000000 } from './persistence/migrations/1764000000000-create-partners-and-tenants';
import { IndexTenantListFilters1767225600200 } from './persistence/migrations/1767225600200-index-tenant-list-filters';
import { OverviewReadModel } from './overview/overview-read-model';
import { PartnerEntity } from './persistence/partner.entity';
import { TenantEntity } from './persistence/tenant.entity';
import { GetPartnerHttp } from './queries/get-partner/get-partner.http';
import { GetTenantHttp } from './queries/get-tenant/get-tenant.http';
import { ListTenantsHttp } from './queries/list-tenants/list-tenants.http';

/** Partners, their customers (tenants), and later their environments and extensions. */
@Module({})
export class TenantModule {
  static forConfig(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: TenantModule,
      imports: [
        ServiceRuntimeModule.forService({
          name: 'tenant',
          config,
          logger,
          entities: [PartnerEntity, TenantEntity, ...OverviewReadModel.entities],
          migrations: [
            CreatePartnersAndTenants1764000000000,
            ...OverviewReadModel.migrations,
            IndexTenantListFilters1767225600200,
          ],
          eventHandlers: [...OverviewReadModel.projections()],
          keepsTenantDirectory: false,
        }),
      ],
      controllers: [
        CreatePartnerHttp,
        GetPartnerHttp,
        CreateTenantHttp,
        GetTenantHttp,
        ListTenantsHttp,
        UpdateTenantHttp,
        ChangeTenantStatusHttp,
        ...OverviewReadModel.controllers,
      ],
      providers: [CreatePartnerHandler, CreateTenantHandler, UpdateTenantHandler, ChangeTenantStatusHandler],
    };
  }
}
