import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ListNotificationsQuery } from '@pac/http-contracts';
import type { FastifyReply } from 'fastify';
import { RequiresAccess } from '../auth/access';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Upstream } from '../upstream/upstream';

@ApiTags('Notifications')
@ApiBearerAuth()
@Controller('v1/notifications')
export class NotificationsController {
  constructor(private readonly upstream: Upstream) {}

  @Get()
  @RequiresAccess('read')
  @ApiOkResponse({ description: 'The partner inbox: { items: Notification[], nextCursor }' })
  list(@Query() query: ListNotificationsQuery, @Req() req: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.upstream.forward(
      'notification',
      { method: 'GET', path: '/notifications', query: { ...query } },
      req,
      reply,
    );
  }
}
