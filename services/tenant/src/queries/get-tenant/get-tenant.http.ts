import { Controller, Get, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, callerMaySee, ProblemException, TenantIdParam } from '@pac/bootstrap';
import { DataSource } from 'typeorm';
import type { Tenant } from '../../domain/tenant';
import { TenantEntity } from '../../persistence/tenant.entity';

@Controller('tenants')
export class GetTenantHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** Another partner's tenant is "not found": its existence is never revealed. */
  @Get(':tenantId')
  async get(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
  ): Promise<Tenant> {
    const entity = callerMaySee(caller, tenantId)
      ? await this.dataSource
          .getRepository(TenantEntity)
          .findOneBy({ id: tenantId, partnerId: caller.partnerId })
      : null;
    if (!entity) throw ProblemException.notFound('no such tenant');
    return entity.toDomain();
  }
}
