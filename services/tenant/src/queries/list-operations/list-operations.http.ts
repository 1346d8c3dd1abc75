import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, keysetPage, newestFirst, TenantIdParam, unwrap } from '@pac/bootstrap';
import { ListOperationsQuery, type OperationResponse, type Page } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { operationResponse } from '../../application/responses';
import { visibleTenant } from '../../application/visibility';
import { OperationEntity } from '../../persistence/operation.entity';

@Controller('tenants')
export class ListOperationsHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** The tenant's operations, newest first, optionally for one environment, type or status. */
  @Get(':tenantId/operations')
  async list(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Query() query: ListOperationsQuery,
  ): Promise<Page<OperationResponse>> {
    const tenant = unwrap(await visibleTenant(this.dataSource.manager, caller, tenantId));
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
    return keysetPage(
      builder,
      'o',
      query,
      newestFirst((row) => row.createdAt),
      (rows) => rows.map((row) => operationResponse(row.toDomain())),
    );
  }
}
