import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, problemFor, TenantIdParam } from '@pac/bootstrap';
import { refusedItem, TenantNotificationRecipient, type BulkTenantAnswer } from '@pac/http-contracts';
import { AddRecipientHandler } from '../add-recipient/add-recipient.handler';

/**
 * The notification service's part of `POST /v1/bulk/notification-recipients`, for one tenant (the gateway
 * runs it for each): the recipient added as `POST .../notification-recipients` would (the same handler). A
 * tenant that has this address already is `skipped` with the code `recipient-exists`.
 */
@Controller('tenants/:tenantId/bulk')
export class TenantBulkActionsHttp {
  constructor(private readonly addRecipient: AddRecipientHandler) {}

  @Post('notification-recipients')
  @HttpCode(200)
  async notificationRecipients(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Body() body: TenantNotificationRecipient,
  ): Promise<BulkTenantAnswer> {
    const result = await this.addRecipient.execute(caller, tenantId, body);
    if (result.ok) return { results: [{ status: 'succeeded' }] };
    if (result.error.code === 'recipient-exists')
      return { results: [{ status: 'skipped', code: 'recipient-exists' }] };
    if (result.error.code === 'tenant-not-found') throw problemFor(result.error);
    return { results: [refusedItem(problemFor(result.error).problem)] };
  }
}
