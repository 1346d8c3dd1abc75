import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import {
  CallerContext,
  callerMaySee,
  newestFirstPage,
  ProblemException,
  TenantIdParam,
} from '@pac/bootstrap';
import { PageQuery, type Page, type TelemetryRowResponse } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { TelemetryRowEntity } from '../../persistence/telemetry-row.entity';

@Controller('tenants/:tenantId/telemetry')
export class ListTelemetryHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** A customer's telemetry, newest first. Rows carry their partner, so a stranger's tenant reads as not found. */
  @Get()
  async list(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Query() query: PageQuery,
  ): Promise<Page<TelemetryRowResponse>> {
    if (!callerMaySee(caller, tenantId)) throw ProblemException.notFound('no such tenant');
    const builder = this.dataSource
      .getRepository(TelemetryRowEntity)
      .createQueryBuilder('r')
      .where('r.tenant_id = :tenantId AND r.partner_id = :partnerId', {
        tenantId,
        partnerId: caller.partnerId,
      });
    return newestFirstPage(builder, 'r', query, (row) => row.toResponse(), 'timestamp');
  }
}
