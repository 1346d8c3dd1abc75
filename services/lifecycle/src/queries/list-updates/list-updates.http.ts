import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import {
  byUniqueColumn,
  CallerContext,
  keysetPage,
  problemFor,
  TenantDirectory,
  TenantIdParam,
} from '@pac/bootstrap';
import { ListUpdatesQuery, type Page, type UpdateResponse } from '@pac/http-contracts';
import { Clock } from '@pac/clock';
import { DataSource } from 'typeorm';
import { updateResponse } from '../../application/responses';
import { ENVIRONMENT_NOT_FOUND } from '../../domain/not-found';
import { findVisibleEnvironment } from '../../persistence/environments';
import { releaseTermsByVersion } from '../../persistence/releases';
import { UpdateEntity } from '../../persistence/update.entity';

@Controller('tenants/:tenantId/environments/:name/updates')
export class ListUpdatesHttp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: TenantDirectory,
    private readonly clock: Clock,
  ) {}

  /**
   * Per target version, oldest first (one update per release and environment): available, selected,
   * compatibility, schedule. Skipped ones are left out.
   */
  @Get()
  async list(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
    @Query() query: ListUpdatesQuery,
  ): Promise<Page<UpdateResponse>> {
    await this.directory.assertVisible(caller, tenantId);
    const environment = await findVisibleEnvironment(this.dataSource.manager, caller, tenantId, name);
    if (!environment) throw problemFor(ENVIRONMENT_NOT_FOUND);
    const builder = this.dataSource
      .getRepository(UpdateEntity)
      .createQueryBuilder('u')
      .where('u.tenant_id = :tenantId AND u.environment_name = :name', { tenantId, name })
      .andWhere(`u.status <> 'skipped'`);
    const oldestVersionFirst = byUniqueColumn(
      'version_key',
      'ASC',
      (row: UpdateEntity) => row.versionKey,
      'integer',
    );
    return keysetPage(builder, 'u', query, oldestVersionFirst, async (rows) => {
      const terms = await releaseTermsByVersion(
        this.dataSource.manager,
        rows.map((row) => row.targetVersion),
      );
      const now = this.clock.now();
      return rows.map((row) =>
        updateResponse(row.toDomain(), environment, terms.get(row.targetVersion)!, now),
      );
    });
  }
}
