import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, ProblemException, TenantDirectory, TenantIdParam } from '@pac/bootstrap';
import { ListUpdatesQuery, type Page, type UpdateResponse } from '@pac/http-contracts';
import { DataSource, In } from 'typeorm';
import { findEnvironment } from '../../environment-lookup';
import { ReleaseEntity } from '../../persistence/release.entity';
import { UpdateEntity } from '../../persistence/update.entity';
import { updateResponse } from '../../update-response';
import { uniqueKeyPage, versionKey } from '../unique-key-page';

@Controller('tenants/:tenantId/environments/:name/updates')
export class ListUpdatesHttp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: TenantDirectory,
  ) {}

  /**
   * Per target version, oldest first: available, selected, compatibility, schedule (api.md). Skipped ones are
   * left out.
   */
  @Get()
  async list(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
    @Query() query: ListUpdatesQuery,
  ): Promise<Page<UpdateResponse>> {
    await this.directory.assertVisible(caller, tenantId);
    const environment = await findEnvironment(this.dataSource.manager, caller, tenantId, name);
    if (!environment) throw ProblemException.notFound('no such environment');
    const builder = this.dataSource
      .getRepository(UpdateEntity)
      .createQueryBuilder('u')
      .where('u.tenant_id = :tenantId AND u.environment_name = :name', { tenantId, name })
      .andWhere(`u.status <> 'skipped'`);
    return uniqueKeyPage(builder, 'u', query, versionKey('ASC'), async (updates) => {
      const releases = await this.dataSource
        .getRepository(ReleaseEntity)
        .findBy({ version: In(updates.map((u) => u.targetVersion)) });
      const byVersion = new Map(releases.map((r) => [r.version, r.terms()]));
      return updates.map((u) => updateResponse(u, environment, byVersion.get(u.targetVersion)!));
    });
  }
}
