import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, keysetPage, newestFirst, problemFor, uuidParam } from '@pac/bootstrap';
import { PageQuery, type DeliveryResponse, type Page } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { deliveryResponse } from '../../application/responses';
import { WEBHOOK_NOT_FOUND } from '../../domain/not-found';
import { WebhookDeliveryEntity } from '../../persistence/delivery.entity';
import { WebhookEntity } from '../../persistence/webhook.entity';

@Controller('webhooks/:id/deliveries')
export class ListWebhookDeliveriesHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** A webhook's delivery log, newest first: status, attempts, response code, latency. */
  @Get()
  async list(
    @CallerContext() caller: Caller,
    @Param('id', uuidParam(WEBHOOK_NOT_FOUND)) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<DeliveryResponse>> {
    if (!(await this.dataSource.getRepository(WebhookEntity).existsBy({ id, partnerId: caller.partnerId })))
      throw problemFor(WEBHOOK_NOT_FOUND);
    const builder = this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .createQueryBuilder('d')
      .where('d.webhook_id = :id', { id });
    return keysetPage(
      builder,
      'd',
      query,
      newestFirst((row) => row.createdAt),
      (rows) => rows.map((row) => deliveryResponse(row, row.progress(), { redeliveryOf: row.redeliveryOf })),
    );
  }
}
