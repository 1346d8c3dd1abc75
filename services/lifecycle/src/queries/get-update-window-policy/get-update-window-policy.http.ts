import { Controller, Get, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, problemFor, TENANT_NOT_FOUND, TenantIdParam } from '@pac/bootstrap';
import type { UpdateWindowPolicyResponse } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { updateWindowPolicyResponse } from '../../application/responses';
import { findVisiblePolicy } from '../../persistence/update-window-policies';

@Controller('tenants/:tenantId/update-window-policy')
export class GetUpdateWindowPolicyHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** The window new environments of this tenant start with. */
  @Get()
  async get(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
  ): Promise<UpdateWindowPolicyResponse> {
    const policy = await findVisiblePolicy(this.dataSource.manager, caller, tenantId);
    if (!policy) throw problemFor(TENANT_NOT_FOUND);
    return updateWindowPolicyResponse(policy);
  }
}
