import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap } from '@pac/bootstrap';
import type { EnvironmentResponse } from '@pac/http-contracts';
import { RecoverEnvironmentHandler } from './recover-environment.handler';

@Controller('tenants')
export class RecoverEnvironmentHttp {
  constructor(private readonly handler: RecoverEnvironmentHandler) {}

  @Post(':tenantId/environments/:name/recover')
  @HttpCode(200)
  async recover(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
  ): Promise<EnvironmentResponse> {
    return unwrap(await this.handler.execute(caller, tenantId, name));
  }
}
