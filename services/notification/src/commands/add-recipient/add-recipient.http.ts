import { Body, Controller, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap } from '@pac/bootstrap';
import { RecipientRequest, type RecipientResponse } from '@pac/http-contracts';
import { AddRecipientHandler } from './add-recipient.handler';

@Controller('tenants/:tenantId/notification-recipients')
export class AddRecipientHttp {
  constructor(private readonly handler: AddRecipientHandler) {}

  @Post()
  async add(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Body() body: RecipientRequest,
  ): Promise<RecipientResponse> {
    return unwrap(await this.handler.execute(caller, tenantId, body));
  }
}
