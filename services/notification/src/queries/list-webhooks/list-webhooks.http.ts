import { Controller, Get, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, keysetPage, newestFirst } from '@pac/bootstrap';
import { PageQuery, type Page, type WebhookResponse } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { webhookResponse } from '../../application/responses';
import { WebhookEntity } from '../../persistence/webhook.entity';

@Controller('webhooks')
export class ListWebhooksHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** The partner's webhooks, newest first (their secrets are never shown again). */
  @Get()
  async list(@CallerContext() caller: Caller, @Query() query: PageQuery): Promise<Page<WebhookResponse>> {
    const builder = this.dataSource
      .getRepository(WebhookEntity)
      .createQueryBuilder('w')
      .where('w.partner_id = :partnerId', { partnerId: caller.partnerId });
    return keysetPage(
      builder,
      'w',
      query,
      newestFirst((row) => row.createdAt),
      (rows) => rows.map((row) => webhookResponse(row.toDomain())),
    );
  }
}
