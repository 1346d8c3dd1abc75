import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, unwrap, uuidParam } from '@pac/bootstrap';
import type { NotificationResponse } from '@pac/http-contracts';
import { NOTIFICATION_NOT_FOUND } from '../../domain/not-found';
import { ReadNotificationHandler } from './read-notification.handler';

@Controller('notifications')
export class ReadNotificationHttp {
  constructor(private readonly handler: ReadNotificationHandler) {}

  @Post(':id/read')
  @HttpCode(200)
  async read(
    @CallerContext() caller: Caller,
    @Param('id', uuidParam(NOTIFICATION_NOT_FOUND)) id: string,
  ): Promise<NotificationResponse> {
    return unwrap(await this.handler.execute(caller, id));
  }
}
