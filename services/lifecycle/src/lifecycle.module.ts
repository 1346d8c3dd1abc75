import { Module, type DynamicModule } from '@nestjs/common';
import { registerClockDrivenJobs, ServiceRuntimeModule, type Logger } from '@pac/bootstrap';
import { CancelUpdateOperationHttp } from './commands/cancel-update/cancel-update-operation.http';
import { CancelUpdateHandler } from './commands/cancel-update/cancel-update.handler';
import { CancelUpdateHttp } from './commands/cancel-update/cancel-update.http';
import { LearnEnvironmentHandler } from './commands/learn-environment/learn-environment.handler';
import { LearnEnvironmentHttp } from './commands/learn-environment/learn-environment.http';
import { PublishReleaseHandler } from './commands/publish-release/publish-release.handler';
import { PublishReleaseHttp } from './commands/publish-release/publish-release.http';
import { ScheduleUpdateHandler } from './commands/schedule-update/schedule-update.handler';
import { ScheduleUpdateHttp } from './commands/schedule-update/schedule-update.http';
import { SetUpdateWindowHandler } from './commands/set-update-window/set-update-window.handler';
import { SetUpdateWindowHttp } from './commands/set-update-window/set-update-window.http';
import { TenantBulkActionsHttp } from './commands/tenant-bulk-actions/tenant-bulk-actions.http';
import { OnEnvironmentCreated } from './consumers/on-environment-created';
import { OnEnvironmentPurged } from './consumers/on-environment-purged';
import { OnEnvironmentRecovered } from './consumers/on-environment-recovered';
import { OnEnvironmentRenamed } from './consumers/on-environment-renamed';
import { OnEnvironmentSoftDeleted } from './consumers/on-environment-soft-deleted';
import { OnEnvironmentVersionChanged } from './consumers/on-environment-version-changed';
import { OnExtensionInstalled } from './consumers/on-extension-installed';
import { OnExtensionUninstalled } from './consumers/on-extension-uninstalled';
import { OnTenantCreated } from './consumers/on-tenant-created';
import { OnUpdateRunEnded } from './consumers/on-update-run-ended';
import { DistributeReleasesJob } from './jobs/distribute-releases.job';
import { StartDueUpdatesJob } from './jobs/start-due-updates.job';
import { LifecycleConfig } from './lifecycle.config';
import { EnvironmentEntity } from './persistence/environment.entity';
import { CreateUpdateWindowPolicies1764000000000 } from './persistence/migrations/1764000000000-create-update-window-policies';
import { CreateReleasesEnvironmentsUpdates1767225600300 } from './persistence/migrations/1767225600300-create-releases-environments-updates';
import { ReleaseDistributionLanes1767225600301 } from './persistence/migrations/1767225600301-release-distribution-lanes';
import { ReleaseEntity } from './persistence/release.entity';
import { UpdateWindowPolicyEntity } from './persistence/update-window-policy.entity';
import { UpdateEntity } from './persistence/update.entity';
import { GetUpdateWindowPolicyHttp } from './queries/get-update-window-policy/get-update-window-policy.http';
import { GetUpdateWindowHttp } from './queries/get-update-window/get-update-window.http';
import { ListReleasesHttp } from './queries/list-releases/list-releases.http';
import { ListUpdateWindowsHttp } from './queries/list-update-windows/list-update-windows.http';
import { ListUpdatesHttp } from './queries/list-updates/list-updates.http';

/** Releases, update windows and scheduled updates. */
@Module({})
export class LifecycleModule {
  static forConfig(config: LifecycleConfig, logger: Logger): DynamicModule {
    return {
      module: LifecycleModule,
      imports: [
        ServiceRuntimeModule.forService({
          name: 'lifecycle',
          config,
          logger,
          entities: [UpdateWindowPolicyEntity, ReleaseEntity, EnvironmentEntity, UpdateEntity],
          migrations: [
            CreateUpdateWindowPolicies1764000000000,
            CreateReleasesEnvironmentsUpdates1767225600300,
            ReleaseDistributionLanes1767225600301,
          ],
          // an update wave: thousands of update-run.ended and environment.version-changed at once
          consumerConcurrency: 4,
        }),
      ],
      controllers: [
        GetUpdateWindowPolicyHttp,
        PublishReleaseHttp,
        ListReleasesHttp,
        GetUpdateWindowHttp,
        SetUpdateWindowHttp,
        ListUpdateWindowsHttp,
        ListUpdatesHttp,
        ScheduleUpdateHttp,
        CancelUpdateHttp,
        CancelUpdateOperationHttp,
        TenantBulkActionsHttp,
        // internal: an environment the tenant service shows, relayed by the gateway before its events arrive
        LearnEnvironmentHttp,
        // event consumers (@EventPattern)
        OnTenantCreated,
        // the service's own copy of environments and their extensions
        OnEnvironmentCreated,
        OnEnvironmentRenamed,
        OnEnvironmentSoftDeleted,
        OnEnvironmentRecovered,
        OnEnvironmentPurged,
        OnEnvironmentVersionChanged,
        OnExtensionInstalled,
        OnExtensionUninstalled,
        // what the tenant service made of each update.started
        OnUpdateRunEnded,
      ],
      providers: [
        { provide: LifecycleConfig, useValue: config },
        PublishReleaseHandler,
        SetUpdateWindowHandler,
        ScheduleUpdateHandler,
        CancelUpdateHandler,
        LearnEnvironmentHandler,
        ...registerClockDrivenJobs(DistributeReleasesJob, StartDueUpdatesJob),
      ],
    };
  }
}
