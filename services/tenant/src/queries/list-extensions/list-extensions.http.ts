import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, keysetPage, newestFirst, TenantIdParam, unwrap } from '@pac/bootstrap';
import { PageQuery, type ExtensionResponse, type Page } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { extensionResponse } from '../../application/responses';
import { visibleEnvironment } from '../../application/visibility';
import { ExtensionEntity } from '../../persistence/extension.entity';

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
  ): Promise<Page<ExtensionResponse>> {
    const { environment } = unwrap(await visibleEnvironment(this.dataSource.manager, caller, tenantId, name));
    const builder = this.dataSource
      .getRepository(ExtensionEntity)
      .createQueryBuilder('x')
      .where('x.environment_id = :environmentId', { environmentId: environment.id });
    return keysetPage(
      builder,
      'x',
      query,
      newestFirst((row) => row.installedAt, 'installed_at'),
      (rows) => rows.map((row) => extensionResponse(environment.name, row.toDomain())),
    );
  }
}
