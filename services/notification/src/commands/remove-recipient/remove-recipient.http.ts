import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap, uuidParam } from '@pac/bootstrap';
import { RECIPIENT_NOT_FOUND } from '../../domain/not-found';
import { RemoveRecipientHandler } from './remove-recipient.handler';

@Controller('tenants/:tenantId/notification-recipients')
export class RemoveRecipientHttp {
  constructor(private readonly handler: RemoveRecipientHandler) {}

  @Delete(':recipientId')
  @HttpCode(204)
  async remove(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('recipientId', uuidParam(RECIPIENT_NOT_FOUND)) recipientId: string,
  ): Promise<void> {
    unwrap(await this.handler.execute(caller, tenantId, recipientId));
  }
}
