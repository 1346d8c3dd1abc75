import { Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap, uuidParam } from '@pac/bootstrap';
import type { OperationResponse } from '@pac/http-contracts';
import { OPERATION_NOT_FOUND } from '../../domain/not-found';
import { CancelSandboxHandler } from './cancel-sandbox.handler';

@Controller()
export class CancelSandboxHttp {
  constructor(private readonly handler: CancelSandboxHandler) {}

  /** 202 with the sandbox's operation: deleted (ready) or canceled (queued or copying), the copy withdrawn. */
  @Delete('tenants/:tenantId/sandboxes/:name')
  @HttpCode(202)
  async delete(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
  ): Promise<OperationResponse> {
    return unwrap(await this.handler.execute(caller, tenantId, name));
  }

  /** Internal: the gateway's POST /v1/operations/{id}/cancel for an operation the tenant service does not have. */
  @Post('sandbox-operations/:operationId/cancel')
  @HttpCode(200)
  async cancel(
    @CallerContext() caller: Caller,
    @Param('operationId', uuidParam(OPERATION_NOT_FOUND)) operationId: string,
  ): Promise<OperationResponse> {
    return unwrap(await this.handler.cancelOperation(caller, operationId));
  }
}
