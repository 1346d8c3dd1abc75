import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, newestFirstPage, ProblemException, TenantIdParam } from '@pac/bootstrap';
import { PageQuery, type Page } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { extensionView, type ExtensionView } from '../../environment-view';
import { ExtensionEntity } from '../../persistence/extension.entity';
import { findEnvironmentByName, findVisibleTenant } from '../../persistence/tenant-scope';

@Controller('tenants')
export class ListExtensionsHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** The extensions installed in an environment, most recently installed first. */
  @Get(':tenantId/environments/:name/extensions')
  async list(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
    @Query() query: PageQuery,
  ): Promise<Page<ExtensionView>> {
    const manager = this.dataSource.manager;
    const tenant = await findVisibleTenant(manager, caller, tenantId);
    if (!tenant) throw ProblemException.notFound('no such tenant');
    const environment = await findEnvironmentByName(manager, tenant.id, name);
    if (!environment) throw ProblemException.notFound(`no environment named "${name}"`);
    const builder = this.dataSource
      .getRepository(ExtensionEntity)
      .createQueryBuilder('x')
      .where('x.environment_id = :environmentId', { environmentId: environment.id });
    return newestFirstPage(
      builder,
      'x',
      query,
      (row) => extensionView(environment.name, row.toDomain()),
      'installed_at',
    );
  }
}
