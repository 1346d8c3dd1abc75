import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap } from '@pac/bootstrap';
import { ExtendSandboxRequest, type SandboxResponse } from '@pac/http-contracts';
import { ExtendSandboxHandler } from './extend-sandbox.handler';

@Controller('tenants')
export class ExtendSandboxHttp {
  constructor(private readonly handler: ExtendSandboxHandler) {}

  @Post(':tenantId/sandboxes/:name/extend')
  @HttpCode(200)
  async extend(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
    @Body() body: ExtendSandboxRequest,
  ): Promise<SandboxResponse> {
    return unwrap(await this.handler.execute(caller, tenantId, name, body.days));
  }
}
