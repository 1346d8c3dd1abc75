import { Controller, Get, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, callerMaySee, ProblemException, TenantIdParam } from '@pac/bootstrap';
import { DataSource } from 'typeorm';
import type { UpdateWindow } from '../../domain/update-window';
import { UpdateWindowPolicyEntity } from '../../persistence/update-window-policy.entity';

@Controller('tenants/:tenantId/update-window-policy')
export class GetUpdateWindowPolicyHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** The window new environments of this tenant start with. */
  @Get()
  async get(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
  ): Promise<UpdateWindow & { tenantId: string }> {
    const policy = callerMaySee(caller, tenantId)
      ? await this.dataSource
          .getRepository(UpdateWindowPolicyEntity)
          .findOneBy({ tenantId, partnerId: caller.partnerId })
      : null;
    if (!policy) throw ProblemException.notFound('no such tenant');
    const { preferredStartTime, preferredEndTime, timeZone } = policy;
    return { tenantId, preferredStartTime, preferredEndTime, timeZone };
  }
}
