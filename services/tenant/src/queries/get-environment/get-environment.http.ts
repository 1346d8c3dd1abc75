import { Controller, Get, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap } from '@pac/bootstrap';
import type { EnvironmentResponse } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { environmentResponse } from '../../application/responses';
import { visibleEnvironment } from '../../application/visibility';

@Controller('tenants')
export class GetEnvironmentHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** One environment by name (any case); a purged one is gone: 404. */
  @Get(':tenantId/environments/:name')
  async get(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
  ): Promise<EnvironmentResponse> {
    const { environment } = unwrap(await visibleEnvironment(this.dataSource.manager, caller, tenantId, name));
    return environmentResponse(environment);
  }
}
