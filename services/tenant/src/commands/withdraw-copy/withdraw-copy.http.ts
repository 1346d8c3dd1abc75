import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap } from '@pac/bootstrap';
import { WithdrawCopyHandler } from './withdraw-copy.handler';

/** Internal only (no gateway route): the sandbox service's compensation of a copy. */
@Controller('tenants')
export class WithdrawCopyHttp {
  constructor(private readonly handler: WithdrawCopyHandler) {}

  @Delete(':tenantId/environments/:name/copy')
  @HttpCode(204)
  async withdraw(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
  ): Promise<void> {
    unwrap(await this.handler.execute(caller, tenantId, name));
  }
}
