import { Controller, Get, Header, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import {
  CallerContext,
  jsonItem,
  JSON_CONTENT_TYPE,
  newestFirstJsonPage,
  type JsonText,
} from '@pac/bootstrap';
import { OverviewQuery, type OverviewRowResponse, type Page } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { OverviewRowEntity } from '../persistence/overview-row.entity';

@Controller('overview')
export class ListOverviewHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** One row per customer, newest first, read from the overview table alone (no call per row). */
  @Get()
  @Header('content-type', JSON_CONTENT_TYPE)
  async list(
    @CallerContext() caller: Caller,
    @Query() query: OverviewQuery,
  ): Promise<JsonText<Page<OverviewRowResponse>>> {
    const builder = this.dataSource
      .getRepository(OverviewRowEntity)
      .createQueryBuilder('o')
      .where('o.partner_id = :partnerId', { partnerId: caller.partnerId });
    if (caller.tenantId) builder.andWhere('o.tenant_id = :own', { own: caller.tenantId });
    if (query.hasOpenIssues === 'true') builder.andWhere('o.open_issues > 0');
    if (query.hasOpenIssues === 'false') builder.andWhere('o.open_issues = 0');
    if (query.updateStatus)
      builder.andWhere('o.update_status = :updateStatus', { updateStatus: query.updateStatus });
    if (query.q) {
      // Trigrams narrow through their GIN index (q of 3 characters or more); ILIKE decides.
      if (query.q.length >= 3) builder.andWhere('o.name_grams @> name_trigrams(:grams)', { grams: query.q });
      builder.andWhere('o.name ILIKE :q', { q: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    }
    return newestFirstJsonPage(builder, 'o', query, OVERVIEW_ROW_JSON, 'created_at', 'tenant_id');
  }
}

/** An OverviewRowResponse made by Postgres from a row of `overview o` (the page is never parsed in Node). */
const OVERVIEW_ROW_JSON = jsonItem({
  tenant: jsonItem({
    id: 'o.tenant_id',
    name: 'o.name',
    countryCode: 'o.country_code',
    status: 'o.status',
    tags: 'o.tags',
  }),
  environments: jsonItem({ production: 'o.production_environments', sandbox: 'o.sandbox_environments' }),
  versions: 'o.versions',
  nextUpdate: 'o.next_update',
  lastUpdateResult: 'o.last_update_result',
  updateStatus: 'o.update_status',
  openIssues: 'o.open_issues',
  unreadNotifications:
    'coalesce((SELECT u.unread FROM overview_unread_notifications u WHERE u.tenant_id = o.tenant_id), 0)',
});
