import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import {
  CallerContext,
  keysetPage,
  newestFirst,
  problemFor,
  TenantDirectory,
  TenantIdParam,
  uuidParam,
} from '@pac/bootstrap';
import { PageQuery, type DeliveryResponse, type Page } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { deliveryResponse } from '../../application/responses';
import { RECIPIENT_NOT_FOUND } from '../../domain/not-found';
import { EmailDeliveryEntity } from '../../persistence/delivery.entity';
import { RecipientEntity } from '../../persistence/recipient.entity';

@Controller('tenants/:tenantId/notification-recipients/:recipientId/deliveries')
export class ListRecipientDeliveriesHttp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenants: TenantDirectory,
  ) {}

  /** A recipient's delivery log, newest first: each e-mail, its attempts, SMTP reply and latency. */
  @Get()
  async list(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('recipientId', uuidParam(RECIPIENT_NOT_FOUND)) recipientId: string,
    @Query() query: PageQuery,
  ): Promise<Page<DeliveryResponse>> {
    await this.tenants.assertVisible(caller, tenantId);
    if (!(await this.dataSource.getRepository(RecipientEntity).existsBy({ tenantId, id: recipientId })))
      throw problemFor(RECIPIENT_NOT_FOUND);
    const builder = this.dataSource
      .getRepository(EmailDeliveryEntity)
      .createQueryBuilder('d')
      .where('d.recipient_id = :recipientId', { recipientId });
    return keysetPage(
      builder,
      'd',
      query,
      newestFirst((row) => row.createdAt),
      (rows) => rows.map((row) => deliveryResponse(row, row.progress())),
    );
  }
}
