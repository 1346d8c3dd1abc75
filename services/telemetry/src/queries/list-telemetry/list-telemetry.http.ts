import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, keysetPage, newestFirst, TenantDirectory, TenantIdParam } from '@pac/bootstrap';
import { PageQuery, type Page, type TelemetryRowResponse } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { telemetryRowResponse } from '../../application/responses';
import { TelemetryRowEntity } from '../../persistence/telemetry-row.entity';

@Controller('tenants/:tenantId/telemetry')
export class ListTelemetryHttp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenants: TenantDirectory,
  ) {}

  /** A customer's telemetry, newest first (by each row's own timestamp); another partner's tenant is not found. */
  @Get()
  async list(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Query() query: PageQuery,
  ): Promise<Page<TelemetryRowResponse>> {
    await this.tenants.assertVisible(caller, tenantId);
    const builder = this.dataSource
      .getRepository(TelemetryRowEntity)
      .createQueryBuilder('r')
      .where('r.tenant_id = :tenantId', { tenantId });
    return keysetPage(
      builder,
      'r',
      query,
      newestFirst((row) => row.timestamp, 'timestamp'),
      (rows) => rows.map((row) => telemetryRowResponse(row.toDomain())),
    );
  }
}
