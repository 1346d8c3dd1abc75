import { Controller, Get, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, ProblemException, TenantIdParam } from '@pac/bootstrap';
import { DataSource } from 'typeorm';
import { environmentView, type EnvironmentView } from '../../environment-view';
import { findEnvironmentByName, findVisibleTenant } from '../../persistence/tenant-scope';

@Controller('tenants')
export class GetEnvironmentHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** One environment by name (any case); a purged one is gone: 404. */
  @Get(':tenantId/environments/:name')
  async get(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
  ): Promise<EnvironmentView> {
    const manager = this.dataSource.manager;
    const tenant = await findVisibleTenant(manager, caller, tenantId);
    if (!tenant) throw ProblemException.notFound('no such tenant');
    const environment = await findEnvironmentByName(manager, tenant.id, name);
    if (!environment) throw ProblemException.notFound(`no environment named "${name}"`);
    return environmentView(environment.toDomain());
  }
}
