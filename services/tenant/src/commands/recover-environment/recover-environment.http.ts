import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap } from '@pac/bootstrap';
import { RecoverEnvironmentRequest, type OperationResponse } from '@pac/http-contracts';
import { RecoverEnvironmentHandler } from './recover-environment.handler';

@Controller('tenants')
export class RecoverEnvironmentHttp {
  constructor(private readonly handler: RecoverEnvironmentHandler) {}

  /** 202 with the recover operation (scheduled); the body (`{ newName? }`) may be left out. */
  @Post(':tenantId/environments/:name/recover')
  @HttpCode(202)
  async recover(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
    @Body() body: RecoverEnvironmentRequest,
  ): Promise<OperationResponse> {
    return unwrap(await this.handler.execute(caller, tenantId, name, body));
  }
}
