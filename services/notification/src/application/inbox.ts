import { randomUUID } from 'node:crypto';
import {
  NotificationCreated,
  NotificationRead,
  type NotificationCreatedData,
  type NotificationReadData,
} from '@pac/contracts';
import type { EventEnvelope, Outbox } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import type { StoredEvent } from '../domain/cloud-event';
import { composeNotification } from '../domain/compose-notification';
import type { Notification } from '../domain/notification';
import type { NotificationRow } from '../domain/notification-catalog';
import { addDeliveriesOf } from '../persistence/deliveries';
import { insertNotification, tenantNameOf } from '../persistence/notifications';

/**
 * Puts one event in the partner's inbox by its row of the catalog, in the caller's transaction: the
 * notification at the next position of the partner's stream, its deliveries (e-mails, webhooks), and
 * `notification.created` in the outbox (the live stream and the central view's unread counts read it).
 * Resolves to the notification, or undefined when the row says the event makes none.
 */
export async function notify(
  manager: EntityManager,
  outbox: Outbox,
  row: NotificationRow,
  envelope: EventEnvelope<object>,
  now: Date,
): Promise<Notification | undefined> {
  const subject = row.about(envelope.data);
  if (!subject) return undefined;
  const tenantName = subject.tenantId ? await tenantNameOf(manager, subject.tenantId) : undefined;
  const notification = composeNotification(randomUUID(), row, envelope, tenantName ?? 'Customer');
  if (!notification) return undefined;
  const stored: StoredEvent = {
    id: envelope.id,
    type: envelope.type,
    source: envelope.source,
    subject: envelope.subject,
    time: envelope.time,
    data: envelope.data,
  };
  await record(manager, outbox, notification, stored, now);
  return notification;
}

/** Adds a notification made here (not of a consumed event) and its deliveries, and announces it. */
export async function record(
  manager: EntityManager,
  outbox: Outbox,
  notification: Notification,
  source: StoredEvent,
  now: Date,
): Promise<void> {
  const sequence = await insertNotification(manager, notification, source);
  await addDeliveriesOf(manager, notification, now);
  await outbox.add(manager, {
    definition: NotificationCreated,
    ...addressOf(notification),
    data: notificationCreatedData(notification, sequence, now),
  });
}

/** Announces that `count` notifications of one tenant (or of the partner itself) were read. */
export async function announceRead(
  manager: EntityManager,
  outbox: Outbox,
  scope: { partnerId: string; tenantId: string | null },
  count: number,
  readAt: Date,
  notificationId?: string,
): Promise<void> {
  const data: NotificationReadData = {
    partnerId: scope.partnerId,
    tenantId: scope.tenantId,
    count,
    ...(notificationId ? { notificationId } : {}),
    readAt: readAt.toISOString(),
    occurredAt: readAt.toISOString(),
  };
  await outbox.add(manager, { definition: NotificationRead, ...addressOf(scope), data });
}

/** A notification's message key and subject: its tenant's, or `partners/<id>` for one about the partner. */
export function addressOf(about: {
  partnerId: string;
  tenantId: string | null;
  environmentName?: string | null;
}): { tenantId: string; environmentName?: string } | { key: string; subject: string } {
  if (about.tenantId === null) return { key: about.partnerId, subject: `partners/${about.partnerId}` };
  return {
    tenantId: about.tenantId,
    ...(about.environmentName ? { environmentName: about.environmentName } : {}),
  };
}

export function notificationCreatedData(
  notification: Notification,
  sequence: number,
  now: Date,
): NotificationCreatedData {
  return {
    notificationId: notification.id,
    partnerId: notification.partnerId,
    tenantId: notification.tenantId,
    environmentName: notification.environmentName,
    type: notification.type,
    severity: notification.severity,
    text: notification.text,
    links: notification.links,
    sourceEventId: notification.sourceEventId,
    sequence,
    createdAt: notification.createdAt,
    occurredAt: now.toISOString(),
  };
}
