import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, keysetPage, newestFirst, TenantDirectory, TenantIdParam } from '@pac/bootstrap';
import { PageQuery, type Page, type RecipientResponse } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { recipientResponse } from '../../application/responses';
import { RecipientEntity } from '../../persistence/recipient.entity';

@Controller('tenants/:tenantId/notification-recipients')
export class ListRecipientsHttp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenants: TenantDirectory,
  ) {}

  @Get()
  async list(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Query() query: PageQuery,
  ): Promise<Page<RecipientResponse>> {
    await this.tenants.assertVisible(caller, tenantId);
    const builder = this.dataSource
      .getRepository(RecipientEntity)
      .createQueryBuilder('r')
      .where('r.tenant_id = :tenantId', { tenantId });
    return keysetPage(
      builder,
      'r',
      query,
      newestFirst((row) => row.createdAt),
      (rows) => rows.map((row) => recipientResponse(row.toDomain())),
    );
  }
}
