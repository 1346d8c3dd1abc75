import type {
  DeliveryResponse,
  NotificationResponse,
  RecipientResponse,
  WebhookResponse,
} from '@pac/http-contracts';
import type { DeliveryProgress } from '../domain/delivery';
import type { Notification } from '../domain/notification';
import type { Locale } from '../domain/notification-text';
import type { Recipient } from '../domain/recipient';
import type { Webhook } from '../domain/webhook';

/** A notification as the inbox shows it, in `locale` (its partner and source event stay internal). */
export function notificationResponse(
  notification: Notification,
  locale: Locale = 'en',
): NotificationResponse {
  return {
    id: notification.id,
    tenantId: notification.tenantId,
    environmentName: notification.environmentName,
    type: notification.type,
    severity: notification.severity,
    title: notification.text[locale].title,
    body: notification.text[locale].body,
    links: notification.links,
    createdAt: notification.createdAt,
    readAt: notification.readAt,
  };
}

export function recipientResponse(recipient: Recipient): RecipientResponse {
  return {
    id: recipient.id,
    tenantId: recipient.tenantId,
    email: recipient.email,
    name: recipient.name,
    locale: recipient.locale,
    eventTypes: recipient.eventTypes,
    createdAt: recipient.createdAt,
  };
}

export function webhookResponse(webhook: Webhook): WebhookResponse {
  return {
    id: webhook.id,
    url: webhook.url,
    eventTypes: webhook.eventTypes,
    description: webhook.description,
    status: webhook.status,
    failingSince: webhook.failingSince,
    disabledAt: webhook.disabledAt,
    createdAt: webhook.createdAt,
  };
}

/** One line of a delivery log (a recipient's or a webhook's). */
export function deliveryResponse(
  delivery: { id: string; notificationId: string; tenantId: string | null; createdAt: Date },
  progress: DeliveryProgress,
  extra: { redeliveryOf?: string | null } = {},
): DeliveryResponse {
  return {
    id: delivery.id,
    notificationId: delivery.notificationId,
    tenantId: delivery.tenantId,
    status: progress.status,
    attempts: progress.attempts,
    responseCode: progress.lastStatusCode,
    latencyMs: progress.latencyMs,
    lastError: progress.lastError,
    firstAttemptAt: progress.firstAttemptAt,
    lastAttemptAt: progress.lastAttemptAt,
    nextAttemptAt: progress.status === 'pending' ? progress.nextAttemptAt : null,
    deliveredAt: progress.deliveredAt,
    createdAt: delivery.createdAt.toISOString(),
    ...('redeliveryOf' in extra ? { redeliveryOf: extra.redeliveryOf ?? null } : {}),
  };
}
