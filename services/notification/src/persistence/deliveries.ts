import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { DeliveryProgress } from '../domain/delivery';
import { receivesEventType } from '../domain/event-type-filter';
import type { Notification } from '../domain/notification';
import { EmailDeliveryEntity, progressColumns, WebhookDeliveryEntity } from './delivery.entity';
import { recipientsOfTenant } from './recipients';
import { WebhookEntity } from './webhook.entity';

/** Deliveries of notifications by e-mail and webhook: created with them, claimed and recorded by the jobs. */

/** The lane of a delivery: one tenant's deliveries to one webhook go out in order; the partner's own too. */
export function laneOf(tenantId: string | null): string {
  return tenantId ?? 'partner';
}

/**
 * The deliveries of a new notification, in its transaction: an e-mail to each recipient of its tenant who
 * receives its type, a POST to each enabled webhook of its partner subscribed to it. A webhook delivery joins
 * the end of its lane: while the lane waits for a retry, it waits too.
 */
export async function addDeliveriesOf(
  manager: EntityManager,
  notification: Notification,
  now: Date,
): Promise<{ emails: number; webhooks: number }> {
  const recipients = notification.tenantId
    ? (await recipientsOfTenant(manager, notification.tenantId)).filter((r) =>
        receivesEventType(r.eventTypes, notification.type),
      )
    : [];
  if (recipients.length > 0) {
    await manager.getRepository(EmailDeliveryEntity).insert(
      recipients.map((recipient) =>
        Object.assign(new EmailDeliveryEntity(), {
          id: randomUUID(),
          recipientId: recipient.id,
          notificationId: notification.id,
          partnerId: notification.partnerId,
          tenantId: notification.tenantId!,
          status: 'pending' as const,
          attempts: 0,
          nextAttemptAt: now,
          createdAt: now,
        }),
      ),
    );
  }
  const webhooks = (
    await manager.getRepository(WebhookEntity).find({
      where: { partnerId: notification.partnerId, status: 'enabled' },
      select: { id: true, eventTypes: true },
    })
  ).filter((w) => receivesEventType(w.eventTypes, notification.type));
  if (webhooks.length > 0) {
    await insertWebhookDeliveries(
      manager,
      webhooks.map((w) => ({ id: randomUUID(), webhookId: w.id })),
      notification,
      now,
      null,
    );
  }
  return { emails: recipients.length, webhooks: webhooks.length };
}

/** Webhook deliveries of one notification at the end of their lanes (`redeliveryOf` for a redelivery). */
export async function insertWebhookDeliveries(
  manager: EntityManager,
  deliveries: readonly { id: string; webhookId: string }[],
  notification: Pick<Notification, 'id' | 'partnerId' | 'tenantId'>,
  now: Date,
  redeliveryOf: string | null,
): Promise<void> {
  await manager.query(
    `INSERT INTO webhook_deliveries
       (id, webhook_id, notification_id, partner_id, tenant_id, lane, redelivery_of, status, attempts,
        next_attempt_at, created_at)
     SELECT d.id, d.webhook_id, $3, $4, $5, $6, $7, 'pending', 0,
            greatest($8::timestamptz, (SELECT max(w.next_attempt_at) FROM webhook_deliveries w
                                        WHERE w.webhook_id = d.webhook_id AND w.lane = $6 AND w.status = 'pending')),
            $8
       FROM unnest($1::uuid[], $2::uuid[]) AS d (id, webhook_id)`,
    [
      deliveries.map((d) => d.id),
      deliveries.map((d) => d.webhookId),
      notification.id,
      notification.partnerId,
      notification.tenantId,
      laneOf(notification.tenantId),
      redeliveryOf,
      now,
    ],
  );
}

/**
 * Claims up to `limit` webhook deliveries that are due and first in their lane (nothing pending before them
 * for the same webhook and tenant), locked until the claiming transaction ends: no other instance sends them,
 * nor anything after them in their lanes.
 */
export async function claimDueWebhookDeliveries(
  manager: EntityManager,
  now: Date,
  limit: number,
): Promise<WebhookDeliveryEntity[]> {
  return manager
    .getRepository(WebhookDeliveryEntity)
    .createQueryBuilder('d')
    .where(`d.status = 'pending' AND d.next_attempt_at <= :now`, { now })
    .andWhere(
      `NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.webhook_id = d.webhook_id AND e.lane = d.lane
                      AND e.status = 'pending' AND e.position < d.position)`,
    )
    .orderBy('d.next_attempt_at')
    .limit(limit)
    .setLock('pessimistic_write')
    .setOnLocked('skip_locked')
    .getMany();
}

export async function saveWebhookDeliveryProgress(
  manager: EntityManager,
  delivery: WebhookDeliveryEntity,
  progress: DeliveryProgress,
): Promise<void> {
  await manager.getRepository(WebhookDeliveryEntity).update({ id: delivery.id }, progressColumns(progress));
  if (progress.status === 'delivered') return;
  // What waits behind it in its lane waits until it is tried again (or goes now, if it was given up), so that
  // the due-delivery index shows only what can really go.
  await manager.query(
    `UPDATE webhook_deliveries SET next_attempt_at = $4
      WHERE webhook_id = $1 AND lane = $2 AND status = 'pending' AND position > $3`,
    [
      delivery.webhookId,
      delivery.lane,
      delivery.position,
      progress.status === 'pending' ? progress.nextAttemptAt : progress.lastAttemptAt,
    ],
  );
}

/** Gives up every pending delivery of a disabled webhook; returns them with their progress before. */
export async function giveUpWebhookDeliveries(
  manager: EntityManager,
  webhookId: string,
  reason: string,
): Promise<WebhookDeliveryEntity[]> {
  const pending = await manager
    .getRepository(WebhookDeliveryEntity)
    .find({ where: { webhookId, status: 'pending' }, lock: { mode: 'pessimistic_write' } });
  if (pending.length > 0) {
    await manager
      .getRepository(WebhookDeliveryEntity)
      .update({ webhookId, status: 'pending' }, { status: 'failed', lastError: reason });
  }
  return pending;
}

export async function claimDueEmailDeliveries(
  manager: EntityManager,
  now: Date,
  limit: number,
): Promise<EmailDeliveryEntity[]> {
  return manager
    .getRepository(EmailDeliveryEntity)
    .createQueryBuilder('d')
    .where(`d.status = 'pending' AND d.next_attempt_at <= :now`, { now })
    .orderBy('d.next_attempt_at')
    .limit(limit)
    .setLock('pessimistic_write')
    .setOnLocked('skip_locked')
    .getMany();
}

export async function saveEmailDeliveryProgress(
  manager: EntityManager,
  id: string,
  progress: DeliveryProgress,
): Promise<void> {
  await manager.getRepository(EmailDeliveryEntity).update({ id }, progressColumns(progress));
}

/** A delivery of a partner's webhook, for a redelivery. */
export async function findWebhookDelivery(
  manager: EntityManager,
  webhookId: string,
  id: string,
): Promise<WebhookDeliveryEntity | undefined> {
  return (await manager.getRepository(WebhookDeliveryEntity).findOneBy({ webhookId, id })) ?? undefined;
}
