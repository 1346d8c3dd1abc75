import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, unwrap, uuidParam } from '@pac/bootstrap';
import type { DeliveryResponse } from '@pac/http-contracts';
import { DELIVERY_NOT_FOUND, WEBHOOK_NOT_FOUND } from '../../domain/not-found';
import { RedeliverWebhookDeliveryHandler } from './redeliver-webhook-delivery.handler';

@Controller('webhooks/:id/deliveries')
export class RedeliverWebhookDeliveryHttp {
  constructor(private readonly handler: RedeliverWebhookDeliveryHandler) {}

  /** Answered 202: the dispatcher sends the new delivery. */
  @Post(':deliveryId/redeliver')
  @HttpCode(202)
  async redeliver(
    @CallerContext() caller: Caller,
    @Param('id', uuidParam(WEBHOOK_NOT_FOUND)) webhookId: string,
    @Param('deliveryId', uuidParam(DELIVERY_NOT_FOUND)) deliveryId: string,
  ): Promise<DeliveryResponse> {
    return unwrap(await this.handler.execute(caller, webhookId, deliveryId));
  }
}
