import { Module, type DynamicModule } from '@nestjs/common';
import { registerClockDrivenJobs, ServiceRuntimeModule, type Logger } from '@pac/bootstrap';
import { EnvironmentOperations } from './application/environment-operations';
import { EnvironmentPreparation } from './application/environment-preparation';
import { CancelOperationHandler } from './commands/cancel-operation/cancel-operation.handler';
import { CancelOperationHttp } from './commands/cancel-operation/cancel-operation.http';
import { ChangeTenantStatusHandler } from './commands/change-tenant-status/change-tenant-status.handler';
import { ChangeTenantStatusHttp } from './commands/change-tenant-status/change-tenant-status.http';
import { ChangeTenantTagsHandler } from './commands/change-tenant-tags/change-tenant-tags.handler';
import { ChangeTenantTagsHttp } from './commands/change-tenant-tags/change-tenant-tags.http';
import { CreateEnvironmentHandler } from './commands/create-environment/create-environment.handler';
import { CreateEnvironmentHttp } from './commands/create-environment/create-environment.http';
import { CreatePartnerHandler } from './commands/create-partner/create-partner.handler';
import { CreatePartnerHttp } from './commands/create-partner/create-partner.http';
import { CreateTenantHandler } from './commands/create-tenant/create-tenant.handler';
import { CreateTenantHttp } from './commands/create-tenant/create-tenant.http';
import { OnUpdateAvailable } from './consumers/on-update-available';
import { OnUpdateCanceled } from './consumers/on-update-canceled';
import { OnUpdateMissed } from './consumers/on-update-missed';
import { OnUpdateRescheduled } from './consumers/on-update-rescheduled';
import { OnUpdateScheduled } from './consumers/on-update-scheduled';
import { OnUpdateStarted } from './consumers/on-update-started';
import { DeleteEnvironmentHandler } from './commands/delete-environment/delete-environment.handler';
import { DeleteEnvironmentHttp } from './commands/delete-environment/delete-environment.http';
import { InstallExtensionHandler } from './commands/install-extension/install-extension.handler';
import { InstallExtensionHttp } from './commands/install-extension/install-extension.http';
import { RecoverEnvironmentHandler } from './commands/recover-environment/recover-environment.handler';
import { RecoverEnvironmentHttp } from './commands/recover-environment/recover-environment.http';
import { RenameEnvironmentHandler } from './commands/rename-environment/rename-environment.handler';
import { RenameEnvironmentHttp } from './commands/rename-environment/rename-environment.http';
import { UninstallExtensionHandler } from './commands/uninstall-extension/uninstall-extension.handler';
import { UninstallExtensionHttp } from './commands/uninstall-extension/uninstall-extension.http';
import { SetEnvironmentQuotasHandler } from './commands/set-environment-quotas/set-environment-quotas.handler';
import { SetEnvironmentQuotasHttp } from './commands/set-environment-quotas/set-environment-quotas.http';
import { UpdateTenantHandler } from './commands/update-tenant/update-tenant.handler';
import { UpdateTenantHttp } from './commands/update-tenant/update-tenant.http';
import { ApplyUpdatesJob } from './jobs/apply-updates.job';
import { PrepareEnvironmentsJob } from './jobs/prepare-environments.job';
import { PurgeEnvironmentsJob } from './jobs/purge-environments.job';
import { RunEnvironmentOperationsJob } from './jobs/run-environment-operations.job';
import { EnvironmentEntity } from './persistence/environment.entity';
import { ExtensionEntity } from './persistence/extension.entity';
import { CreatePartnersAndTenants1764000000000 } from './persistence/migrations/1764000000000-create-partners-and-tenants';
import { IndexTenantListFilters1767225600200 } from './persistence/migrations/1767225600200-index-tenant-list-filters';
import { CreateEnvironmentsExtensionsOperations1767225600201 } from './persistence/migrations/1767225600201-create-environments-extensions-operations';
import { IndexRunningUpdates1767225600400 } from './persistence/migrations/1767225600400-index-running-updates';
import { EnvironmentQuotasAndDeletedNames1767700000100 } from './persistence/migrations/1767700000100-environment-quotas-and-deleted-names';
import { OperationEntity } from './persistence/operation.entity';
import { OverviewReadModel } from './overview/overview-read-model';
import { PartnerEntity } from './persistence/partner.entity';
import { QuotaGrantEntity } from './persistence/quota-grant.entity';
import { TenantEntity } from './persistence/tenant.entity';
import { GetEnvironmentHttp } from './queries/get-environment/get-environment.http';
import { GetEnvironmentQuotasHttp } from './queries/get-environment-quotas/get-environment-quotas.http';
import { GetOperationHttp } from './queries/get-operation/get-operation.http';
import { GetPartnerHttp } from './queries/get-partner/get-partner.http';
import { GetTenantHttp } from './queries/get-tenant/get-tenant.http';
import { ListEnvironmentsHttp } from './queries/list-environments/list-environments.http';
import { ListExtensionsHttp } from './queries/list-extensions/list-extensions.http';
import { ListOperationsHttp } from './queries/list-operations/list-operations.http';
import { ListTenantsHttp } from './queries/list-tenants/list-tenants.http';
import { TenantConfig } from './tenant.config';

/** Partners, their customers (tenants), the tenants' environments, extensions and operations. */
@Module({})
export class TenantModule {
  static forConfig(config: TenantConfig, logger: Logger): DynamicModule {
    return {
      module: TenantModule,
      imports: [
        ServiceRuntimeModule.forService({
          name: 'tenant',
          config,
          logger,
          entities: [
            PartnerEntity,
            TenantEntity,
            EnvironmentEntity,
            ExtensionEntity,
            OperationEntity,
            QuotaGrantEntity,
            ...OverviewReadModel.entities,
          ],
          migrations: [
            CreatePartnersAndTenants1764000000000,
            ...OverviewReadModel.migrations,
            IndexTenantListFilters1767225600200,
            CreateEnvironmentsExtensionsOperations1767225600201,
            IndexRunningUpdates1767225600400,
            EnvironmentQuotasAndDeletedNames1767700000100,
          ],
          keepsTenantDirectory: false,
          // update waves (update.started for many customers at once) are handled partition by partition
          consumerConcurrency: 4,
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
        ChangeTenantTagsHttp,
        CreateEnvironmentHttp,
        ListEnvironmentsHttp,
        GetEnvironmentHttp,
        DeleteEnvironmentHttp,
        RecoverEnvironmentHttp,
        RenameEnvironmentHttp,
        GetEnvironmentQuotasHttp,
        SetEnvironmentQuotasHttp,
        InstallExtensionHttp,
        ListExtensionsHttp,
        UninstallExtensionHttp,
        ListOperationsHttp,
        GetOperationHttp,
        CancelOperationHttp,
        ...OverviewReadModel.controllers,
        // event consumers (@EventPattern)
        ...OverviewReadModel.projections,
        // updates the lifecycle service runs: applied here, and recorded as operations
        OnUpdateStarted,
        OnUpdateAvailable,
        OnUpdateScheduled,
        OnUpdateRescheduled,
        OnUpdateMissed,
        OnUpdateCanceled,
      ],
      providers: [
        { provide: TenantConfig, useValue: config },
        CreatePartnerHandler,
        CreateTenantHandler,
        UpdateTenantHandler,
        ChangeTenantStatusHandler,
        ChangeTenantTagsHandler,
        CreateEnvironmentHandler,
        DeleteEnvironmentHandler,
        RecoverEnvironmentHandler,
        RenameEnvironmentHandler,
        SetEnvironmentQuotasHandler,
        InstallExtensionHandler,
        UninstallExtensionHandler,
        CancelOperationHandler,
        EnvironmentPreparation,
        EnvironmentOperations,
        ...registerClockDrivenJobs(
          PrepareEnvironmentsJob,
          RunEnvironmentOperationsJob,
          PurgeEnvironmentsJob,
          ApplyUpdatesJob,
        ),
      ],
    };
  }
}
