import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, newestFirstPage, ProblemException, TenantIdParam } from '@pac/bootstrap';
import { ListOperationsQuery, type Page } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import type { Operation } from '../../domain/operation';
import { OperationEntity } from '../../persistence/operation.entity';
import { findVisibleTenant } from '../../persistence/tenant-scope';

@Controller('tenants')
export class ListOperationsHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** The tenant's operations, newest first, optionally for one environment, type or status. */
  @Get(':tenantId/operations')
  async list(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Query() query: ListOperationsQuery,
  ): Promise<Page<Operation>> {
    const tenant = await findVisibleTenant(this.dataSource.manager, caller, tenantId);
    if (!tenant) throw ProblemException.notFound('no such tenant');
    const builder = this.dataSource
      .getRepository(OperationEntity)
      .createQueryBuilder('o')
      .where('o.tenant_id = :tenantId', { tenantId: tenant.id });
    if (query.environmentName) {
      builder.andWhere('lower(o.environment_name) = lower(:environmentName)', {
        environmentName: query.environmentName,
      });
    }
    if (query.type) builder.andWhere('o.type = :type', { type: query.type });
    if (query.status) builder.andWhere('o.status = :status', { status: query.status });
    return newestFirstPage(builder, 'o', query, (row) => row.toDomain());
  }
}
