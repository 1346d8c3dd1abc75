import { Controller, Get, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, keysetPage, newestFirst } from '@pac/bootstrap';
import { ListNotificationsQuery, type NotificationResponse, type Page } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { notificationResponse } from '../../application/responses';
import { NotificationEntity } from '../../persistence/notification.entity';

@Controller('notifications')
export class ListNotificationsHttp {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The partner inbox, newest first, in the language asked for; a customer admin sees only their tenant's
   * entries (and none about the partner itself).
   */
  @Get()
  async list(
    @CallerContext() caller: Caller,
    @Query() query: ListNotificationsQuery,
  ): Promise<Page<NotificationResponse>> {
    if (caller.tenantId && query.tenantId && query.tenantId !== caller.tenantId)
      return { items: [], nextCursor: null };
    const tenantId = caller.tenantId ?? query.tenantId;
    const builder = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.partner_id = :partnerId', { partnerId: caller.partnerId });
    if (tenantId) builder.andWhere('n.tenant_id = :tenantId', { tenantId });
    if (query.unread === 'true') builder.andWhere('n.read_at IS NULL');
    if (query.unread === 'false') builder.andWhere('n.read_at IS NOT NULL');
    if (query.type) builder.andWhere('n.type = :type', { type: query.type });
    if (query.severity) builder.andWhere('n.severity = :severity', { severity: query.severity });
    return keysetPage(
      builder,
      'n',
      query,
      newestFirst((row) => row.createdAt),
      (rows) => rows.map((row) => notificationResponse(row.toDomain(), query.locale)),
    );
  }
}
