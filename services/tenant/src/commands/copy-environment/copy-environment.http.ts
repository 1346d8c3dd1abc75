import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap } from '@pac/bootstrap';
import { CopyEnvironmentRequest, type OperationResponse } from '@pac/http-contracts';
import { CopyEnvironmentHandler } from './copy-environment.handler';

@Controller('tenants')
export class CopyEnvironmentHttp {
  constructor(private readonly handler: CopyEnvironmentHandler) {}

  /** 202 with the copy operation; the copy is `preparing` until it succeeds. */
  @Post(':tenantId/environments/:name/copy')
  @HttpCode(202)
  async copy(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
    @Body() body: CopyEnvironmentRequest,
  ): Promise<OperationResponse> {
    return unwrap(await this.handler.execute(caller, tenantId, name, body));
  }
}
