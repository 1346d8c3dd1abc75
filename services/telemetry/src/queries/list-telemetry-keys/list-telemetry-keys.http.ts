import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, keysetPage, newestFirst, TenantIdParam, unwrap } from '@pac/bootstrap';
import { PageQuery, type Page, type TelemetryKeyResponse } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { telemetryKeyResponse } from '../../application/responses';
import { visibleEnvironment } from '../../application/visible-environment';
import { TelemetryKeyEntity } from '../../persistence/telemetry-key.entity';

@Controller('tenants')
export class ListTelemetryKeysHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** The environment's keys that are not revoked, newest first, without their secrets. */
  @Get(':tenantId/environments/:name/telemetry-keys')
  async list(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
    @Query() query: PageQuery,
  ): Promise<Page<TelemetryKeyResponse>> {
    const environment = unwrap(await visibleEnvironment(this.dataSource.manager, caller, tenantId, name));
    const builder = this.dataSource
      .getRepository(TelemetryKeyEntity)
      .createQueryBuilder('k')
      .where('k.tenant_id = :tenantId AND k.environment_name = :name', { tenantId, name: environment.name })
      .andWhere('k.revoked_at IS NULL');
    return keysetPage(
      builder,
      'k',
      query,
      newestFirst((row) => row.createdAt),
      (rows) => rows.map((row) => telemetryKeyResponse(row.toDomain())),
    );
  }
}
