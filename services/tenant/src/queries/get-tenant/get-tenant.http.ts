import { Controller, Get, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap } from '@pac/bootstrap';
import type { TenantResponse } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { tenantResponse } from '../../application/responses';
import { visibleTenant } from '../../application/visibility';

@Controller('tenants')
export class GetTenantHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** Another partner's tenant is "not found": its existence is never revealed. */
  @Get(':tenantId')
  async get(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
  ): Promise<TenantResponse> {
    const tenant = unwrap(await visibleTenant(this.dataSource.manager, caller, tenantId));
    return tenantResponse(tenant);
  }
}
