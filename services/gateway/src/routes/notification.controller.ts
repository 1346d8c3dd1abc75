import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  CreatedWebhookResponse,
  DeliveryResponse,
  ListNotificationsQuery,
  NotificationResponse,
  PageQuery,
  ReadAllNotificationsQuery,
  ReadAllNotificationsResponse,
  RecipientRequest,
  RecipientResponse,
  WebhookRequest,
  WebhookResponse,
} from '@pac/http-contracts';
import { RequiresAccess } from '../auth/access';
import { ApiPageOf } from '../openapi/api-page-of';
import { ForwardsTo } from '../forwarding/forwards-to';

/** The routes the notification service owns, each forwarded as it is (see ForwardsTo). */
@ForwardsTo('notification')
@ApiTags('Notifications')
@ApiBearerAuth()
@Controller('v1')
export class NotificationController {
  @Get('notifications')
  @RequiresAccess('read')
  @ApiOperation({
    summary: 'The partner inbox',
    description:
      'Newest first; filters unread, tenantId, type, severity; title and body in ?locale= (en, fr). A customer ' +
      'admin sees their tenant’s only. Which events make which notification: docs/notifications.md.',
  })
  @ApiPageOf(NotificationResponse, 'The caller’s notifications, newest first')
  listNotifications(@Query() _query: ListNotificationsQuery): void {}

  @Post('notifications/read-all')
  @HttpCode(200)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Mark every unread notification read',
    description: 'Yours (a customer admin: their tenant’s), or one tenant’s with ?tenantId= (extension).',
  })
  @ApiOkResponse({ type: ReadAllNotificationsResponse })
  readAllNotifications(@Query() _query: ReadAllNotificationsQuery): void {}

  @Post('notifications/:id/read')
  @HttpCode(200)
  @RequiresAccess('act')
  @ApiOperation({ summary: 'Mark a notification read' })
  @ApiOkResponse({ type: NotificationResponse })
  readNotification(@Param('id') _id: string): void {}

  @Get('tenants/:tenantId/notification-recipients')
  @RequiresAccess('read')
  @ApiOperation({ summary: 'Who gets a customer’s notifications by e-mail' })
  @ApiPageOf(RecipientResponse, 'The customer’s notification recipients')
  listNotificationRecipients(@Param('tenantId') _tenantId: string, @Query() _query: PageQuery): void {}

  @Post('tenants/:tenantId/notification-recipients')
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Add an e-mail recipient of a customer’s notifications',
    description:
      'In their locale (en, fr), of the eventTypes given (types, families such as update.*, or *; all when ' +
      'left out). 409 recipient-exists for an address already there.',
  })
  @ApiCreatedResponse({ type: RecipientResponse })
  addNotificationRecipient(@Param('tenantId') _tenantId: string, @Body() _body: RecipientRequest): void {}

  @Delete('tenants/:tenantId/notification-recipients/:recipientId')
  @HttpCode(204)
  @RequiresAccess('act')
  @ApiOperation({ summary: 'Remove a recipient (and their delivery log)' })
  @ApiNoContentResponse()
  removeNotificationRecipient(
    @Param('tenantId') _tenantId: string,
    @Param('recipientId') _recipientId: string,
  ): void {}

  @Get('tenants/:tenantId/notification-recipients/:recipientId/deliveries')
  @RequiresAccess('read')
  @ApiOperation({ summary: 'A recipient’s delivery log (extension)' })
  @ApiPageOf(DeliveryResponse, 'Newest first')
  listRecipientDeliveries(
    @Param('tenantId') _tenantId: string,
    @Param('recipientId') _recipientId: string,
    @Query() _query: PageQuery,
  ): void {}

  @Get('webhooks')
  @RequiresAccess('manage-webhooks')
  @ApiOperation({ summary: 'Your webhooks' })
  @ApiPageOf(WebhookResponse, 'The partner’s webhooks')
  listWebhooks(@Query() _query: PageQuery): void {}

  @Post('webhooks')
  @RequiresAccess('manage-webhooks')
  @ApiOperation({
    summary: 'Add a webhook',
    description:
      'Each notification of the eventTypes is POSTed as a CloudEvents JSON document, signed ' +
      'x-signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body"> with the secret answered here once; in order per ' +
      'tenant, retried with backoff for 24 h; a webhook failing for 24 h is disabled. A url on a private, ' +
      'link-local or loopback address is refused (400 webhook-url-not-allowed) unless the service allows it.',
  })
  @ApiCreatedResponse({ type: CreatedWebhookResponse })
  createWebhook(@Body() _body: WebhookRequest): void {}

  @Delete('webhooks/:id')
  @HttpCode(204)
  @RequiresAccess('manage-webhooks')
  @ApiOperation({ summary: 'Remove a webhook (and its delivery log)' })
  @ApiNoContentResponse()
  deleteWebhook(@Param('id') _id: string): void {}

  @Post('webhooks/:id/enable')
  @HttpCode(200)
  @RequiresAccess('manage-webhooks')
  @ApiOperation({ summary: 'Enable a disabled webhook again (extension)' })
  @ApiOkResponse({ type: WebhookResponse })
  enableWebhook(@Param('id') _id: string): void {}

  @Get('webhooks/:id/deliveries')
  @RequiresAccess('manage-webhooks')
  @ApiOperation({ summary: 'A webhook’s delivery log: status, attempts, response code, latency' })
  @ApiPageOf(DeliveryResponse, 'Newest first')
  listWebhookDeliveries(@Param('id') _id: string, @Query() _query: PageQuery): void {}

  @Post('webhooks/:id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @RequiresAccess('manage-webhooks')
  @ApiOperation({
    summary: 'Send a delivery again (extension)',
    description: 'A new delivery of the same event (same CloudEvent id), at the end of its tenant’s queue.',
  })
  @ApiOkResponse({ type: DeliveryResponse })
  redeliverWebhookDelivery(@Param('id') _id: string, @Param('deliveryId') _deliveryId: string): void {}
}
