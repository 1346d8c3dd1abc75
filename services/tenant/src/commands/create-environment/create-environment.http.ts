import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap } from '@pac/bootstrap';
import { CreateEnvironmentRequest, type OperationResponse } from '@pac/http-contracts';
import { CreateEnvironmentHandler } from './create-environment.handler';

@Controller('tenants')
export class CreateEnvironmentHttp {
  constructor(private readonly handler: CreateEnvironmentHandler) {}

  /** 202 with the create operation; the environment is `preparing` until the operation succeeds. */
  @Post(':tenantId/environments')
  @HttpCode(202)
  async create(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Body() body: CreateEnvironmentRequest,
  ): Promise<OperationResponse> {
    return unwrap(await this.handler.execute(caller, tenantId, body));
  }
}
