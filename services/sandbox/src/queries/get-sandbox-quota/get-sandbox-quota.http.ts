import { Controller, Get, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, problemFor, TENANT_NOT_FOUND, TenantIdParam } from '@pac/bootstrap';
import type { SandboxQuotaResponse } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { sandboxQuotaResponse } from '../../application/responses';
import { findVisibleQuota } from '../../persistence/sandbox-quotas';

@Controller('tenants/:tenantId/sandbox-quota')
export class GetSandboxQuotaHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** How many sandboxes the tenant may have; another partner's tenant is not found. */
  @Get()
  async get(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
  ): Promise<SandboxQuotaResponse> {
    const quota = await findVisibleQuota(this.dataSource.manager, caller, tenantId);
    if (!quota) throw problemFor(TENANT_NOT_FOUND);
    return sandboxQuotaResponse(quota);
  }
}
