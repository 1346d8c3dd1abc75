import { Controller, Get, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, newestFirstPage } from '@pac/bootstrap';
import { OverviewQuery, type OverviewRowResponse, type Page } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { OverviewRowEntity } from '../persistence/overview-row.entity';

@Controller('overview')
export class ListOverviewHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** One row per customer, newest first, read from the overview table alone (no call per row). */
  @Get()
  async list(
    @CallerContext() caller: Caller,
    @Query() query: OverviewQuery,
  ): Promise<Page<OverviewRowResponse>> {
    const builder = this.dataSource
      .getRepository(OverviewRowEntity)
      .createQueryBuilder('o')
      .where('o.partner_id = :partnerId', { partnerId: caller.partnerId });
    if (caller.tenantId) builder.andWhere('o.tenant_id = :own', { own: caller.tenantId });
    if (query.hasOpenIssues === 'true') builder.andWhere('o.open_issues > 0');
    if (query.hasOpenIssues === 'false') builder.andWhere('o.open_issues = 0');
    if (query.updateStatus)
      builder.andWhere('o.update_status = :updateStatus', { updateStatus: query.updateStatus });
    if (query.q)
      builder.andWhere('o.name ILIKE :q', { q: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    return newestFirstPage(builder, 'o', query, toResponse, 'created_at', 'tenant_id');
  }
}

function toResponse(row: OverviewRowEntity): OverviewRowResponse {
  return {
    tenant: {
      id: row.tenantId,
      name: row.name,
      countryCode: row.countryCode,
      status: row.status,
      tags: row.tags,
    },
    environments: { production: row.productionEnvironments, sandbox: row.sandboxEnvironments },
    versions: row.versions,
    nextUpdate: row.nextUpdate as Record<string, unknown> | null,
    lastUpdateResult: row.lastUpdateResult as Record<string, unknown> | null,
    updateStatus: row.updateStatus,
    openIssues: row.openIssues,
    unreadNotifications: row.unreadNotifications,
  };
}
