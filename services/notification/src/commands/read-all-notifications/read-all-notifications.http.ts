import { Controller, HttpCode, Post, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext } from '@pac/bootstrap';
import { ReadAllNotificationsQuery, type ReadAllNotificationsResponse } from '@pac/http-contracts';
import { ReadAllNotificationsHandler } from './read-all-notifications.handler';

@Controller('notifications')
export class ReadAllNotificationsHttp {
  constructor(private readonly handler: ReadAllNotificationsHandler) {}

  @Post('read-all')
  @HttpCode(200)
  readAll(
    @CallerContext() caller: Caller,
    @Query() query: ReadAllNotificationsQuery,
  ): Promise<ReadAllNotificationsResponse> {
    return this.handler.execute(caller, query.tenantId);
  }
}
