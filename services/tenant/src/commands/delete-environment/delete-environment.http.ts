import { Controller, Delete, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap } from '@pac/bootstrap';
import type { EnvironmentResponse } from '@pac/http-contracts';
import { DeleteEnvironmentHandler } from './delete-environment.handler';

@Controller('tenants')
export class DeleteEnvironmentHttp {
  constructor(private readonly handler: DeleteEnvironmentHandler) {}

  /** 200 with the environment, now `soft-deleted` with its softDeletedAt and purgeAt. */
  @Delete(':tenantId/environments/:name')
  async delete(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
  ): Promise<EnvironmentResponse> {
    return unwrap(await this.handler.execute(caller, tenantId, name));
  }
}
