import { Injectable } from '@nestjs/common';
import { anyRow, type ClockDrivenJob } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { Outbox } from '@pac/messaging';
import { In, type EntityManager, DataSource } from 'typeorm';
import { countDeliveryAttempt } from '../application/delivery-metrics';
import { SecretBox } from '../application/secret-box';
import { announceFailedDeliveries, disableWebhook } from '../application/webhook-disabling';
import { WebhookSender } from '../application/webhook-sender';
import { cloudEventOf, type StoredEvent } from '../domain/cloud-event';
import { afterAttempt, type AttemptOutcome } from '../domain/delivery';
import { webhookAfterAttempt, type Webhook } from '../domain/webhook';
import type { WebhookDeliveryEntity } from '../persistence/delivery.entity';
import { claimDueWebhookDeliveries, saveWebhookDeliveryProgress } from '../persistence/deliveries';
import { NotificationEntity } from '../persistence/notification.entity';
import { WebhookEntity } from '../persistence/webhook.entity';
import { saveWebhookState } from '../persistence/webhooks';
import { NotificationConfig } from '../notification.config';

/**
 * Sends the webhook deliveries that are due, in rounds: a round claims the first due delivery of up to
 * WEBHOOK_BATCH_SIZE lanes (a lane: one webhook and one tenant; FOR UPDATE SKIP LOCKED, so instances share
 * lanes and never send one delivery at once), POSTs them signed and concurrently while they stay locked,
 * records each attempt (domain/delivery.ts: retried with backoff for 24 hours, then given up), and commits;
 * a delivery waits for the one before it in its lane, so each tenant's notifications arrive in order. A
 * webhook that failed for 24 hours is disabled (application/webhook-disabling.ts). A crash before the commit
 * leaves the round's deliveries pending: sent again, with the same CloudEvent id.
 */
@Injectable()
export class DeliverWebhooksJob implements ClockDrivenJob {
  readonly name = 'deliver-webhooks';
  readonly everyMs: number;
  private readonly batchSize: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: WebhookSender,
    private readonly secrets: SecretBox,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    config: NotificationConfig,
  ) {
    this.everyMs = config.WEBHOOK_DISPATCH_INTERVAL_MS;
    this.batchSize = config.WEBHOOK_BATCH_SIZE;
  }

  hasWork(now: Date): Promise<boolean> {
    return anyRow(
      this.dataSource,
      `SELECT 1 FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1`,
      [now],
    );
  }

  async run(now: Date): Promise<void> {
    // Rounds until nothing is due; a lane whose delivery failed waits for its retry time, so it is not taken again.
    while ((await this.dataSource.transaction((manager) => this.round(manager, now))) > 0);
  }

  private async round(manager: EntityManager, now: Date): Promise<number> {
    const due = await claimDueWebhookDeliveries(manager, now, this.batchSize);
    if (due.length === 0) return 0;
    const webhooks = new Map(
      (
        await manager
          .getRepository(WebhookEntity)
          .findBy({ id: In([...new Set(due.map((d) => d.webhookId))]) })
      ).map((w) => [w.id, w]),
    );
    const events = new Map(
      (
        await manager
          .getRepository(NotificationEntity)
          .findBy({ id: In([...new Set(due.map((d) => d.notificationId))]) })
      ).map((n) => [n.id, n]),
    );
    const secrets = new Map([...webhooks.values()].map((w) => [w.id, this.secrets.open(w.secretCiphertext)]));
    const unixSeconds = Math.floor(this.clock.now().getTime() / 1000);
    const outcomes = await Promise.all(
      due.map(async (delivery): Promise<{ delivery: WebhookDeliveryEntity; outcome: AttemptOutcome }> => {
        const webhook = webhooks.get(delivery.webhookId)!;
        const notification = events.get(delivery.notificationId)!;
        const body = JSON.stringify(cloudEventOf(notification.toDomain(), storedEventOf(notification)));
        const outcome = await this.sender.send({
          url: webhook.url,
          secret: secrets.get(webhook.id)!,
          body,
          webhookId: webhook.id,
          deliveryId: delivery.id,
          unixSeconds,
        });
        countDeliveryAttempt('webhook', outcome);
        return { delivery, outcome };
      }),
    );
    const at = this.clock.now();
    const expired: { delivery: WebhookDeliveryEntity; lastError: string }[] = [];
    const states = new Map<string, Webhook>([...webhooks.values()].map((w) => [w.id, w.toDomain()]));
    const lastErrors = new Map<string, string>();
    for (const { delivery, outcome } of outcomes) {
      const progress = afterAttempt(delivery.progress(), outcome, at);
      await saveWebhookDeliveryProgress(manager, delivery, progress);
      if (progress.status === 'failed') expired.push({ delivery, lastError: progress.lastError ?? '' });
      states.set(delivery.webhookId, webhookAfterAttempt(states.get(delivery.webhookId)!, outcome, at));
      if (!outcome.ok) lastErrors.set(delivery.webhookId, outcome.error);
    }
    await announceFailedDeliveries(manager, this.outbox, expired, 'expired', at);
    for (const [id, state] of states) {
      const before = webhooks.get(id)!.toDomain();
      if (state.status === 'disabled' && before.status === 'enabled') {
        await disableWebhook(manager, this.outbox, state, lastErrors.get(id) ?? 'unknown', at);
      } else if (state.failingSince !== before.failingSince) {
        await saveWebhookState(manager, state);
      }
    }
    return due.length;
  }
}

/** The event a notification was made of, as its webhook deliveries send it. */
function storedEventOf(notification: NotificationEntity): StoredEvent {
  return (
    notification.sourceEvent ?? {
      // Notifications made before events were kept with them: their own facts.
      id: notification.sourceEventId,
      type: notification.type,
      source: '/services/notification',
      subject: notification.tenantId
        ? `tenants/${notification.tenantId}`
        : `partners/${notification.partnerId}`,
      time: notification.createdAt.toISOString(),
      data: {},
    }
  );
}
