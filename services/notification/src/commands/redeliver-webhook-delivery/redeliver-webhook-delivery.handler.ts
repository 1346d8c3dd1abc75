import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { accept, reject, type Decision } from '@pac/domain';
import type { DeliveryResponse } from '@pac/http-contracts';
import { inTransaction } from '@pac/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { deliveryResponse } from '../../application/responses';
import { newDeliveryProgress } from '../../domain/delivery';
import { DELIVERY_NOT_FOUND, WEBHOOK_NOT_FOUND } from '../../domain/not-found';
import { decideRedelivery } from '../../domain/webhook';
import { findWebhookDelivery, insertWebhookDeliveries } from '../../persistence/deliveries';
import { findWebhook } from '../../persistence/webhooks';

@Injectable()
export class RedeliverWebhookDeliveryHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Sends a delivered or failed delivery again, as a new delivery at the end of its lane (the same event, the
   * same CloudEvent id, a new delivery id); the dispatcher sends it.
   */
  execute(
    caller: Caller,
    webhookId: string,
    deliveryId: string,
  ): Promise<Decision<DeliveryResponse, AnswerableError>> {
    return inTransaction(this.dataSource, async (manager) => {
      const webhook = await findWebhook(manager, caller.partnerId, webhookId, { lock: true });
      if (!webhook) return reject(WEBHOOK_NOT_FOUND);
      const original = await findWebhookDelivery(manager, webhookId, deliveryId);
      if (!original) return reject(DELIVERY_NOT_FOUND);
      const decision = decideRedelivery(webhook, original);
      if (!decision.ok) return decision;
      const now = this.clock.now();
      const id = randomUUID();
      const notification = {
        id: original.notificationId,
        partnerId: original.partnerId,
        tenantId: original.tenantId,
      };
      await insertWebhookDeliveries(manager, [{ id, webhookId }], notification, now, original.id);
      return accept(
        deliveryResponse(
          { id, notificationId: original.notificationId, tenantId: original.tenantId, createdAt: now },
          newDeliveryProgress(now),
          { redeliveryOf: original.id },
        ),
      );
    });
  }
}
