import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import {
  byUniqueColumn,
  CallerContext,
  keysetPage,
  TenantDirectory,
  TenantIdParam,
  tenantScope,
} from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { PageQuery, type EnvironmentUpdateWindowResponse, type Page } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { updateWindowResponse } from '../../application/responses';
import { EnvironmentEntity } from '../../persistence/environment.entity';

@Controller('tenants/:tenantId/update-windows')
export class ListUpdateWindowsHttp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: TenantDirectory,
    private readonly clock: Clock,
  ) {}

  /**
   * Every environment's window (and version) of a tenant by name, soft-deleted ones left out: what bulk
   * actions read. Paged like every list (by name: unique in the tenant).
   */
  @Get()
  async list(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Query() query: PageQuery,
  ): Promise<Page<EnvironmentUpdateWindowResponse>> {
    await this.directory.assertVisible(caller, tenantId);
    const builder = this.dataSource
      .getRepository(EnvironmentEntity)
      .createQueryBuilder('e')
      // assertVisible passed: the caller's scope of this tenant (tenantScope) is defined.
      .where('e.tenant_id = :tenantId AND e.partner_id = :partnerId', tenantScope(caller, tenantId)!)
      .andWhere(`e.status <> 'soft-deleted'`);
    const now = this.clock.now();
    const byName = byUniqueColumn('name', 'ASC', (row: EnvironmentEntity) => row.name, 'text');
    return keysetPage(builder, 'e', query, byName, (rows) =>
      rows.map((row) => {
        const environment = row.toDomain();
        return {
          ...updateWindowResponse(environment, now),
          environmentType: environment.type,
          applicationVersion: environment.applicationVersion,
        };
      }),
    );
  }
}
