import { Module, type DynamicModule } from '@nestjs/common';
import { registerClockDrivenJobs, ServiceRuntimeModule, type Logger } from '@pac/bootstrap';
import { EmailSender } from './application/email-sender';
import { SecretBox } from './application/secret-box';
import { WebhookSender } from './application/webhook-sender';
import { AddRecipientHandler } from './commands/add-recipient/add-recipient.handler';
import { AddRecipientHttp } from './commands/add-recipient/add-recipient.http';
import { CreateWebhookHandler } from './commands/create-webhook/create-webhook.handler';
import { CreateWebhookHttp } from './commands/create-webhook/create-webhook.http';
import { DeleteWebhookHandler } from './commands/delete-webhook/delete-webhook.handler';
import { DeleteWebhookHttp } from './commands/delete-webhook/delete-webhook.http';
import { EnableWebhookHandler } from './commands/enable-webhook/enable-webhook.handler';
import { EnableWebhookHttp } from './commands/enable-webhook/enable-webhook.http';
import { ReadAllNotificationsHandler } from './commands/read-all-notifications/read-all-notifications.handler';
import { ReadAllNotificationsHttp } from './commands/read-all-notifications/read-all-notifications.http';
import { ReadNotificationHandler } from './commands/read-notification/read-notification.handler';
import { ReadNotificationHttp } from './commands/read-notification/read-notification.http';
import { RedeliverWebhookDeliveryHandler } from './commands/redeliver-webhook-delivery/redeliver-webhook-delivery.handler';
import { RedeliverWebhookDeliveryHttp } from './commands/redeliver-webhook-delivery/redeliver-webhook-delivery.http';
import { RemoveRecipientHandler } from './commands/remove-recipient/remove-recipient.handler';
import { RemoveRecipientHttp } from './commands/remove-recipient/remove-recipient.http';
import { TenantBulkActionsHttp } from './commands/tenant-bulk-actions/tenant-bulk-actions.http';
import { OnNotifyingEvent } from './consumers/on-notifying-event';
import { DeliverWebhooksJob } from './jobs/deliver-webhooks.job';
import { SendEmailsJob } from './jobs/send-emails.job';
import { NotificationConfig } from './notification.config';
import { EmailDeliveryEntity, WebhookDeliveryEntity } from './persistence/delivery.entity';
import { CreateNotifications1764000000000 } from './persistence/migrations/1764000000000-create-notifications';
import { CreateNotificationChannels1767500000100 } from './persistence/migrations/1767500000100-create-notification-channels';
import { NotificationEntity } from './persistence/notification.entity';
import { RecipientEntity } from './persistence/recipient.entity';
import { WebhookEntity } from './persistence/webhook.entity';
import { ListNotificationsHttp } from './queries/list-notifications/list-notifications.http';
import { ListRecipientDeliveriesHttp } from './queries/list-recipient-deliveries/list-recipient-deliveries.http';
import { ListRecipientsHttp } from './queries/list-recipients/list-recipients.http';
import { ListWebhookDeliveriesHttp } from './queries/list-webhook-deliveries/list-webhook-deliveries.http';
import { ListWebhooksHttp } from './queries/list-webhooks/list-webhooks.http';
import { NotificationStreamHttp } from './queries/notification-stream/notification-stream.http';

/** The partner inbox, e-mail to each tenant's recipients, signed webhooks, and the positions of the live stream. */
@Module({})
export class NotificationModule {
  static forConfig(config: NotificationConfig, logger: Logger): DynamicModule {
    return {
      module: NotificationModule,
      imports: [
        ServiceRuntimeModule.forService({
          name: 'notification',
          config,
          logger,
          entities: [
            NotificationEntity,
            RecipientEntity,
            WebhookEntity,
            EmailDeliveryEntity,
            WebhookDeliveryEntity,
          ],
          migrations: [CreateNotifications1764000000000, CreateNotificationChannels1767500000100],
          // an update wave puts thousands of update.* events in inboxes at once
          consumerConcurrency: 4,
        }),
      ],
      controllers: [
        ListNotificationsHttp,
        ReadNotificationHttp,
        ReadAllNotificationsHttp,
        NotificationStreamHttp,
        ListRecipientsHttp,
        AddRecipientHttp,
        RemoveRecipientHttp,
        ListRecipientDeliveriesHttp,
        ListWebhooksHttp,
        CreateWebhookHttp,
        DeleteWebhookHttp,
        EnableWebhookHttp,
        ListWebhookDeliveriesHttp,
        RedeliverWebhookDeliveryHttp,
        TenantBulkActionsHttp,
        // event consumers (@EventPattern)
        OnNotifyingEvent,
      ],
      providers: [
        { provide: NotificationConfig, useValue: config },
        SecretBox,
        WebhookSender,
        EmailSender,
        ReadNotificationHandler,
        ReadAllNotificationsHandler,
        AddRecipientHandler,
        CreateWebhookHandler,
        RemoveRecipientHandler,
        DeleteWebhookHandler,
        EnableWebhookHandler,
        RedeliverWebhookDeliveryHandler,
        ...registerClockDrivenJobs(DeliverWebhooksJob, SendEmailsJob),
      ],
    };
  }
}
