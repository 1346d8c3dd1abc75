import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceRuntimeModule, type Logger, type ServiceConfig } from '@pac/bootstrap';
import { OnTenantCreated } from './consumers/on-tenant-created';
import { OnUpdateAvailable } from './consumers/on-update-available';
import { OnUpdateCompatibilityWarning } from './consumers/on-update-compatibility-warning';
import { OnUpdateFailed } from './consumers/on-update-failed';
import { OnUpdateMissed } from './consumers/on-update-missed';
import { OnUpdateScheduled } from './consumers/on-update-scheduled';
import { OnUpdateSucceeded } from './consumers/on-update-succeeded';
import { CreateNotifications1764000000000 } from './persistence/migrations/1764000000000-create-notifications';
import { NotificationEntity } from './persistence/notification.entity';
import { ListNotificationsHttp } from './queries/list-notifications/list-notifications.http';

/** The partner inbox, and later e-mail, webhooks and the live stream. */
@Module({})
export class NotificationModule {
  static forConfig(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: NotificationModule,
      imports: [
        ServiceRuntimeModule.forService({
          name: 'notification',
          config,
          logger,
          entities: [NotificationEntity],
          migrations: [CreateNotifications1764000000000],
          // an update wave puts thousands of update.* events in inboxes at once
          consumerConcurrency: 4,
        }),
      ],
      controllers: [
        ListNotificationsHttp,
        // event consumers (@EventPattern)
        OnTenantCreated,
        OnUpdateAvailable,
        OnUpdateCompatibilityWarning,
        OnUpdateScheduled,
        OnUpdateSucceeded,
        OnUpdateFailed,
        OnUpdateMissed,
      ],
    };
  }
}
