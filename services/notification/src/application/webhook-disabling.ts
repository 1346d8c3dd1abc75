import { randomUUID } from 'node:crypto';
import { WebhookDeliveryFailed, type WebhookDeliveryFailedData } from '@pac/contracts';
import type { Outbox } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { composeNotification } from '../domain/compose-notification';
import { catalogRow, WEBHOOK_DISABLED_TYPE, type WebhookDisabledFacts } from '../domain/notification-catalog';
import type { Webhook } from '../domain/webhook';
import type { WebhookDeliveryEntity } from '../persistence/delivery.entity';
import { giveUpWebhookDeliveries } from '../persistence/deliveries';
import { saveWebhookState } from '../persistence/webhooks';
import { addressOf, record } from './inbox';

/**
 * A webhook that failed for 24 hours, disabled in the caller's transaction: its pending deliveries given up
 * (`webhook.delivery-failed` for each), and the partner told in its inbox (`webhook.disabled`, which also
 * reaches the live stream and the partner's other webhooks that subscribe to it).
 */
export async function disableWebhook(
  manager: EntityManager,
  outbox: Outbox,
  webhook: Webhook,
  lastError: string,
  now: Date,
): Promise<void> {
  await saveWebhookState(manager, webhook);
  const abandoned = await giveUpWebhookDeliveries(manager, webhook.id, 'webhook disabled');
  await announceFailedDeliveries(
    manager,
    outbox,
    abandoned.map((d) => ({ delivery: d, lastError: d.lastError ?? 'webhook disabled' })),
    'webhook-disabled',
    now,
  );
  const facts: WebhookDisabledFacts = {
    partnerId: webhook.partnerId,
    webhookId: webhook.id,
    url: webhook.url,
    lastError,
  };
  const event = {
    id: randomUUID(),
    type: WEBHOOK_DISABLED_TYPE,
    source: '/services/notification',
    subject: `partners/${webhook.partnerId}`,
    time: now.toISOString(),
    data: facts,
  };
  const notification = composeNotification(randomUUID(), catalogRow(WEBHOOK_DISABLED_TYPE)!, event, '');
  if (notification) await record(manager, outbox, notification, event, now);
}

/** `webhook.delivery-failed` for deliveries given up (24 hours of attempts, or their webhook disabled). */
export async function announceFailedDeliveries(
  manager: EntityManager,
  outbox: Outbox,
  failed: readonly { delivery: WebhookDeliveryEntity; lastError: string }[],
  reason: WebhookDeliveryFailedData['reason'],
  now: Date,
): Promise<void> {
  if (failed.length === 0) return;
  await outbox.addMany(
    manager,
    failed.map(({ delivery, lastError }) => ({
      definition: WebhookDeliveryFailed,
      ...addressOf({ partnerId: delivery.partnerId, tenantId: delivery.tenantId }),
      data: {
        webhookId: delivery.webhookId,
        deliveryId: delivery.id,
        partnerId: delivery.partnerId,
        tenantId: delivery.tenantId,
        notificationId: delivery.notificationId,
        attempts: delivery.attempts,
        lastStatusCode: delivery.lastStatusCode,
        lastError,
        reason,
        occurredAt: now.toISOString(),
      },
    })),
  );
}
