import { Controller, Get, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, callerMaySee, ProblemException, TenantIdParam } from '@pac/bootstrap';
import { DataSource } from 'typeorm';
import { SandboxQuotaEntity } from '../../persistence/sandbox-quota.entity';

@Controller('tenants/:tenantId/sandbox-quota')
export class GetSandboxQuotaHttp {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async get(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
  ): Promise<{ tenantId: string; maxSandboxes: number }> {
    const quota = callerMaySee(caller, tenantId)
      ? await this.dataSource
          .getRepository(SandboxQuotaEntity)
          .findOneBy({ tenantId, partnerId: caller.partnerId })
      : null;
    if (!quota) throw ProblemException.notFound('no such tenant');
    return { tenantId, maxSandboxes: quota.maxSandboxes };
  }
}
