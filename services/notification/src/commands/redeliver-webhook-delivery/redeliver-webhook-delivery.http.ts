import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, problemFor, unwrap, uuidParam } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { refuse } from '@pac/domain';
import type { DeliveryResponse } from '@pac/http-contracts';
import { inTransaction } from '@pac/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { deliveryResponse } from '../../application/responses';
import { newDeliveryProgress } from '../../domain/delivery';
import { DELIVERY_NOT_FOUND, WEBHOOK_NOT_FOUND } from '../../domain/not-found';
import { findWebhookDelivery, insertWebhookDeliveries } from '../../persistence/deliveries';
import { findWebhook } from '../../persistence/webhooks';

@Controller('webhooks/:id/deliveries')
export class RedeliverWebhookDeliveryHttp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Sends a delivered or failed delivery again, as a new delivery at the end of its lane (the same event, the
   * same CloudEvent id, a new delivery id), answered 202: the dispatcher sends it.
   */
  @Post(':deliveryId/redeliver')
  @HttpCode(202)
  async redeliver(
    @CallerContext() caller: Caller,
    @Param('id', uuidParam(WEBHOOK_NOT_FOUND)) webhookId: string,
    @Param('deliveryId', uuidParam(DELIVERY_NOT_FOUND)) deliveryId: string,
  ): Promise<DeliveryResponse> {
    return inTransaction(this.dataSource, async (manager) => {
      const webhook = await findWebhook(manager, caller.partnerId, webhookId, { lock: true });
      if (!webhook) throw problemFor(WEBHOOK_NOT_FOUND);
      const original = await findWebhookDelivery(manager, webhookId, deliveryId);
      if (!original) throw problemFor(DELIVERY_NOT_FOUND);
      if (webhook.status === 'disabled')
        unwrap(refuse('webhook-disabled', 'the webhook is disabled: enable it first'));
      if (original.status === 'pending')
        unwrap(refuse('delivery-pending', 'the delivery is still pending: it is tried again on its own'));
      const now = this.clock.now();
      const id = randomUUID();
      await insertWebhookDeliveries(
        manager,
        [{ id, webhookId }],
        { id: original.notificationId, partnerId: original.partnerId, tenantId: original.tenantId },
        now,
        original.id,
      );
      return deliveryResponse(
        { id, notificationId: original.notificationId, tenantId: original.tenantId, createdAt: now },
        newDeliveryProgress(now),
        { redeliveryOf: original.id },
      );
    });
  }
}
