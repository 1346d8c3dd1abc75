import { Controller, Get, Header, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, JSON_CONTENT_TYPE, newestFirstJsonPage, type JsonText } from '@pac/bootstrap';
import { ListTenantsQuery, type Page, type TenantResponse } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { TenantEntity } from '../../persistence/tenant.entity';

@Controller('tenants')
export class ListTenantsHttp {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The partner's customers, newest first, through the (partner_id, created_at, id) index, or the
   * (partner_id, status|country_code, created_at, id) ones, the GIN index on tags or on name trigrams when
   * filtered (migration IndexTenantListFilters).
   */
  @Get()
  @Header('content-type', JSON_CONTENT_TYPE)
  async list(
    @CallerContext() caller: Caller,
    @Query() query: ListTenantsQuery,
  ): Promise<JsonText<Page<TenantResponse>>> {
    const builder = this.dataSource
      .getRepository(TenantEntity)
      .createQueryBuilder('t')
      .where('t.partner_id = :partnerId', { partnerId: caller.partnerId });
    if (caller.tenantId) builder.andWhere('t.id = :own', { own: caller.tenantId });
    if (query.status) builder.andWhere('t.status = :status', { status: query.status });
    if (query.countryCode) builder.andWhere('t.country_code = :country', { country: query.countryCode });
    // `@>` (not `= ANY`) so that the GIN index on tags serves it.
    if (query.tag) builder.andWhere('t.tags @> ARRAY[:tag]::text[]', { tag: query.tag.trim().toLowerCase() });
    if (query.q) {
      // Trigrams narrow through their GIN index (q of 3 characters or more); ILIKE decides.
      if (query.q.length >= 3) builder.andWhere('t.name_grams @> name_trigrams(:q)', { q: query.q });
      builder.andWhere('t.name ILIKE :like', { like: `%${escapeLike(query.q)}%` });
    }
    // The page's JSON is made by Postgres (TenantEntity.jsonItem, the fields of tenantResponse).
    return newestFirstJsonPage(builder, 't', query, TenantEntity.jsonItem('t'));
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
