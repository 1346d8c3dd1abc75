import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ListNotificationsQuery } from '@pac/http-contracts';
import { RequiresAccess } from '../auth/access';
import { ForwardsTo } from '../forwarding/forwards-to';

/** The routes the notification service owns, each forwarded as it is (see ForwardsTo). */
@ForwardsTo('notification')
@ApiTags('Notifications')
@ApiBearerAuth()
@Controller('v1')
export class NotificationController {
  @Get('notifications')
  @RequiresAccess('read')
  @ApiOkResponse({ description: 'The partner inbox: { items: Notification[], nextCursor }' })
  listNotifications(@Query() _query: ListNotificationsQuery): void {}
}
