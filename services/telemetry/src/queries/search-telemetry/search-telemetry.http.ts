import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import {
  CallerContext,
  keysetPage,
  newestFirst,
  TenantDirectory,
  TenantIdParam,
  unwrap,
} from '@pac/bootstrap';
import { ListTelemetryQuery, type Page, type TelemetryRowResponse } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { telemetryRowResponse } from '../../application/responses';
import { timeRange, whereInScope, whereMessageHas } from '../../application/telemetry-filters';
import { TelemetryRowEntity } from '../../persistence/telemetry-row.entity';

@Controller('tenants/:tenantId/telemetry')
export class SearchTelemetryHttp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenants: TenantDirectory,
  ) {}

  /**
   * A customer's telemetry, newest first (by each row's own timestamp), filtered by time range,
   * environment, severities, event id and words of the message; another partner's tenant is not found.
   */
  @Get()
  async search(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Query() query: ListTelemetryQuery,
  ): Promise<Page<TelemetryRowResponse>> {
    const range = unwrap(timeRange(query));
    await this.tenants.assertVisible(caller, tenantId);
    const builder = whereInScope(
      this.dataSource.getRepository(TelemetryRowEntity).createQueryBuilder('r'),
      'r',
      {
        tenantId,
        ...range,
        environment: query.environment,
      },
    );
    if (query.severity)
      builder.andWhere('r.severity = ANY(:severities)', { severities: query.severity.split(',') });
    if (query.eventId) builder.andWhere('r.event_id = :eventId', { eventId: query.eventId });
    if (query.q) whereMessageHas(builder, 'r', query.q);
    return keysetPage(
      builder,
      'r',
      query,
      newestFirst((row) => row.timestamp, 'timestamp'),
      (rows) => rows.map((row) => telemetryRowResponse(row.toDomain())),
    );
  }
}
