import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, keysetPage, newestFirst, TenantIdParam, unwrap } from '@pac/bootstrap';
import { PageQuery, type EnvironmentResponse, type Page } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { environmentResponse } from '../../application/responses';
import { visibleTenant } from '../../application/visibility';
import { EnvironmentEntity } from '../../persistence/environment.entity';

@Controller('tenants')
export class ListEnvironmentsHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** The tenant's environments, newest first, soft-deleted ones included (they can be recovered). */
  @Get(':tenantId/environments')
  async list(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Query() query: PageQuery,
  ): Promise<Page<EnvironmentResponse>> {
    const tenant = unwrap(await visibleTenant(this.dataSource.manager, caller, tenantId));
    const builder = this.dataSource
      .getRepository(EnvironmentEntity)
      .createQueryBuilder('e')
      .where('e.tenant_id = :tenantId', { tenantId: tenant.id });
    return keysetPage(
      builder,
      'e',
      query,
      newestFirst((row) => row.createdAt),
      (rows) => rows.map((row) => environmentResponse(row.toDomain())),
    );
  }
}
