import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap } from '@pac/bootstrap';
import { RenameEnvironmentRequest, type OperationResponse } from '@pac/http-contracts';
import { RenameEnvironmentHandler } from './rename-environment.handler';

@Controller('tenants')
export class RenameEnvironmentHttp {
  constructor(private readonly handler: RenameEnvironmentHandler) {}

  @Post(':tenantId/environments/:name/rename')
  @HttpCode(202)
  async rename(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
    @Body() body: RenameEnvironmentRequest,
  ): Promise<OperationResponse> {
    return unwrap(await this.handler.execute(caller, tenantId, name, body.newName));
  }
}
