import { Controller, Get, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext } from '@pac/bootstrap';
import { NotificationStreamQuery, type NotificationStreamPage } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { notificationResponse } from '../../application/responses';
import { NotificationEntity } from '../../persistence/notification.entity';

const STREAM_PAGE = 500;

/**
 * The live stream's catch-up, for the gateway's `GET /v1/stream` (not a public route): the caller's
 * notifications after position `after` of its partner's stream, in order, and the partner's last position
 * when read. Positions are given in commit order (persistence/notifications.ts), so "after N" misses nothing
 * that was committed before the last position answered.
 */
@Controller('notification-stream')
export class NotificationStreamHttp {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async read(
    @CallerContext() caller: Caller,
    @Query() query: NotificationStreamQuery,
  ): Promise<NotificationStreamPage> {
    // Every position up to the last one read is committed (commit order), so items up to it are complete.
    const [{ position }] = (await this.dataSource.query(
      `SELECT coalesce(max(sequence), 0)::bigint AS position FROM notifications WHERE partner_id = $1`,
      [caller.partnerId],
    )) as [{ position: string }];
    if (query.after === undefined) return { items: [], position: Number(position), more: false };
    const builder = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.partner_id = :partnerId AND n.sequence > :after AND n.sequence <= :position', {
        partnerId: caller.partnerId,
        after: query.after,
        position,
      })
      .orderBy('n.sequence', 'ASC')
      .limit(Math.min(query.limit ?? STREAM_PAGE, STREAM_PAGE));
    if (caller.tenantId) builder.andWhere('n.tenant_id = :tenantId', { tenantId: caller.tenantId });
    const rows = await builder.getMany();
    const full = rows.length === Math.min(query.limit ?? STREAM_PAGE, STREAM_PAGE);
    return {
      items: rows.map((row) => {
        const notification = row.toDomain();
        const { title: _title, body: _body, ...rest } = notificationResponse(notification);
        return {
          sequence: Number(row.sequence),
          tenantId: notification.tenantId,
          text: notification.text,
          notification: rest,
        };
      }),
      // A full page ends at its last item: the caller asks again from there.
      position: full ? Number(rows[rows.length - 1]!.sequence) : Number(position),
      more: full,
    };
  }
}
