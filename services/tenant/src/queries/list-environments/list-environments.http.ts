import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, newestFirstPage, ProblemException, TenantIdParam } from '@pac/bootstrap';
import { PageQuery, type Page } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { environmentView, type EnvironmentView } from '../../environment-view';
import { EnvironmentEntity } from '../../persistence/environment.entity';
import { findVisibleTenant } from '../../persistence/tenant-scope';

@Controller('tenants')
export class ListEnvironmentsHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** The tenant's environments, newest first, soft-deleted ones included (they can be recovered). */
  @Get(':tenantId/environments')
  async list(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Query() query: PageQuery,
  ): Promise<Page<EnvironmentView>> {
    const tenant = await findVisibleTenant(this.dataSource.manager, caller, tenantId);
    if (!tenant) throw ProblemException.notFound('no such tenant');
    const builder = this.dataSource
      .getRepository(EnvironmentEntity)
      .createQueryBuilder('e')
      .where('e.tenant_id = :tenantId', { tenantId: tenant.id });
    return newestFirstPage(builder, 'e', query, (row) => environmentView(row.toDomain()));
  }
}
