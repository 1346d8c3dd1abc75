import type { NotificationResponse } from '@pac/http-contracts';
import type { Notification } from '../domain/notification';

/** A notification as the inbox shows it (its partner and source event stay internal). */
export function notificationResponse(notification: Notification): NotificationResponse {
  return {
    id: notification.id,
    tenantId: notification.tenantId,
    environmentName: notification.environmentName,
    type: notification.type,
    severity: notification.severity,
    title: notification.title,
    body: notification.body,
    createdAt: notification.createdAt,
    readAt: notification.readAt,
  };
}
