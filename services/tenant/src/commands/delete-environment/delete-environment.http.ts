import { Controller, Delete, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam } from '@pac/bootstrap';
import type { EnvironmentView } from '../../environment-view';
import { problemFor } from '../../problem-for';
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
  ): Promise<EnvironmentView> {
    const result = await this.handler.execute(caller, tenantId, name);
    if (!result.ok) throw problemFor(result.error);
    return result.value;
  }
}
