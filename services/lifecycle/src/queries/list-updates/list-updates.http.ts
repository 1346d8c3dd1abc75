import { Controller, Get, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, ProblemException, TenantDirectory, TenantIdParam } from '@pac/bootstrap';
import type { Page, UpdateResponse } from '@pac/http-contracts';
import { DataSource, In, Not } from 'typeorm';
import { findEnvironment } from '../../environment-lookup';
import { ReleaseEntity } from '../../persistence/release.entity';
import { UpdateEntity } from '../../persistence/update.entity';
import { updateResponse } from '../../update-response';

@Controller('tenants/:tenantId/environments/:name/updates')
export class ListUpdatesHttp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: TenantDirectory,
  ) {}

  /** Per target version: available, selected, compatibility, schedule (api.md). Skipped ones are left out. */
  @Get()
  async list(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
  ): Promise<Page<UpdateResponse>> {
    await this.directory.assertVisible(caller, tenantId);
    const environment = await findEnvironment(this.dataSource.manager, caller, tenantId, name);
    if (!environment) throw ProblemException.notFound('no such environment');
    const updates = await this.dataSource.getRepository(UpdateEntity).find({
      where: { tenantId, environmentName: name, status: Not('skipped') },
      order: { versionKey: 'ASC' },
    });
    const releases = await this.dataSource
      .getRepository(ReleaseEntity)
      .findBy({ version: In(updates.map((u) => u.targetVersion)) });
    const byVersion = new Map(releases.map((r) => [r.version, r.terms()]));
    return {
      items: updates.map((u) => updateResponse(u, environment, byVersion.get(u.targetVersion)!)),
      nextCursor: null,
    };
  }
}
