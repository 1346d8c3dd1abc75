import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap } from '@pac/bootstrap';
import type { OperationResponse } from '@pac/http-contracts';
import { RefreshSandboxHandler } from './refresh-sandbox.handler';

@Controller('tenants')
export class RefreshSandboxHttp {
  constructor(private readonly handler: RefreshSandboxHandler) {}

  @Post(':tenantId/sandboxes/:name/refresh')
  @HttpCode(202)
  async refresh(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
  ): Promise<OperationResponse> {
    return unwrap(await this.handler.execute(caller, tenantId, name));
  }
}
