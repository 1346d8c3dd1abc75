import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap } from '@pac/bootstrap';
import type { OperationResponse } from '@pac/http-contracts';
import { DeleteEnvironmentHandler } from './delete-environment.handler';

@Controller('tenants')
export class DeleteEnvironmentHttp {
  constructor(private readonly handler: DeleteEnvironmentHandler) {}

  /** 202 with the soft-delete operation (scheduled); the environment is renamed and soft-deleted when it runs. */
  @Delete(':tenantId/environments/:name')
  @HttpCode(202)
  async delete(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
  ): Promise<OperationResponse> {
    return unwrap(await this.handler.execute(caller, tenantId, name));
  }
}
