import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, keysetPage, newestFirst, TenantDirectory, TenantIdParam } from '@pac/bootstrap';
import { ListIssuesQuery, type IssueResponse, type Page } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { issueResponse } from '../../application/responses';
import { IssueEntity } from '../../persistence/issue.entity';

@Controller('tenants')
export class ListIssuesHttp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenants: TenantDirectory,
  ) {}

  /** The tenant's issues, newest first, of one status if asked. */
  @Get(':tenantId/issues')
  async list(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Query() query: ListIssuesQuery,
  ): Promise<Page<IssueResponse>> {
    await this.tenants.assertVisible(caller, tenantId);
    const builder = this.dataSource
      .getRepository(IssueEntity)
      .createQueryBuilder('i')
      .where('i.tenant_id = :tenantId', { tenantId });
    if (query.status) builder.andWhere('i.status = :status', { status: query.status });
    return keysetPage(
      builder,
      'i',
      query,
      newestFirst((row) => row.createdAt),
      (rows) => rows.map((row) => issueResponse(row.toDomain())),
    );
  }
}
