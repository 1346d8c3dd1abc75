import { Controller, Get, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap } from '@pac/bootstrap';
import type { EnvironmentQuotasResponse } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { quotasOfTenant } from '../../application/quotas';
import { environmentQuotasResponse } from '../../application/responses';
import { tenantForPlatformOrVisible } from '../../application/visibility';
import { environmentsInQuota } from '../../domain/quota';
import { environmentsOf } from '../../persistence/environments';
import { TenantConfig } from '../../tenant.config';

@Controller('tenants')
export class GetEnvironmentQuotasHttp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: TenantConfig,
  ) {}

  /** The tenant's quotas per type and how many environments count toward each (the one quota of sandboxes too). */
  @Get(':tenantId/environment-quotas')
  async get(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
  ): Promise<EnvironmentQuotasResponse> {
    const manager = this.dataSource.manager;
    const tenant = unwrap(await tenantForPlatformOrVisible(manager, caller, tenantId));
    const { grant, quotas } = await quotasOfTenant(manager, this.config, tenant.id);
    const used = environmentsInQuota(await environmentsOf(manager, tenant.id));
    return environmentQuotasResponse(grant, quotas, used);
  }
}
