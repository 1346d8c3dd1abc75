import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap } from '@pac/bootstrap';
import { CreateSandboxRequest, type OperationResponse } from '@pac/http-contracts';
import { SandboxRequests } from '../../application/sandbox-requests';

@Controller('tenants')
export class RequestSandboxHttp {
  constructor(private readonly handler: SandboxRequests) {}

  /** 202 with the sandbox's operation, queued. */
  @Post(':tenantId/sandboxes')
  @HttpCode(202)
  async request(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Body() body: CreateSandboxRequest,
  ): Promise<OperationResponse> {
    return unwrap(await this.handler.execute(caller, tenantId, body));
  }
}
