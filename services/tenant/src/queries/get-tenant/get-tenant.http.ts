import { Controller, Get, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, problemFor, TENANT_NOT_FOUND, TenantIdParam } from '@pac/bootstrap';
import type { TenantResponse } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { tenantResponse } from '../../application/responses';
import { findVisibleTenant } from '../../persistence/tenants';

@Controller('tenants')
export class GetTenantHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** Another partner's tenant is "not found": its existence is never revealed. */
  @Get(':tenantId')
  async get(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
  ): Promise<TenantResponse> {
    const tenant = await findVisibleTenant(this.dataSource.manager, caller, tenantId);
    if (!tenant) throw problemFor(TENANT_NOT_FOUND);
    return tenantResponse(tenant);
  }
}
