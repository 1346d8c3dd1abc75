import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import {
  CallerContext,
  keysetPage,
  newestFirst,
  problemFor,
  TENANT_NOT_FOUND,
  TenantIdParam,
} from '@pac/bootstrap';
import { PageQuery, type Page, type SandboxResponse } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { sandboxResponse } from '../../application/responses';
import { findVisibleQuota } from '../../persistence/sandbox-quotas';
import { SandboxEntity } from '../../persistence/sandbox.entity';

@Controller('tenants')
export class ListSandboxesHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** The tenant's sandboxes, newest first, those that ended (failed, canceled, deleted, expired) included. */
  @Get(':tenantId/sandboxes')
  async list(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Query() query: PageQuery,
  ): Promise<Page<SandboxResponse>> {
    const tenant = await findVisibleQuota(this.dataSource.manager, caller, tenantId);
    if (!tenant) throw problemFor(TENANT_NOT_FOUND);
    const builder = this.dataSource
      .getRepository(SandboxEntity)
      .createQueryBuilder('s')
      .where('s.tenant_id = :tenantId AND s.partner_id = :partnerId', {
        tenantId,
        partnerId: tenant.partnerId,
      });
    return keysetPage(
      builder,
      's',
      query,
      newestFirst((row) => row.createdAt),
      (rows) => rows.map((row) => sandboxResponse(row.toDomain())),
    );
  }
}
