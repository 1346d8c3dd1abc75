import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap } from '@pac/bootstrap';
import type { TenantResponse } from '@pac/http-contracts';
import type { TenantStatusAction } from '../../domain/tenant';
import { ChangeTenantStatusHandler } from './change-tenant-status.handler';

/** POST /tenants/{id}/suspend | resume | offboard: 200 with the tenant after the change. */
@Controller('tenants')
export class ChangeTenantStatusHttp {
  constructor(private readonly handler: ChangeTenantStatusHandler) {}

  @Post(':tenantId/suspend')
  @HttpCode(200)
  suspend(@CallerContext() caller: Caller, @Param('tenantId', TenantIdParam) tenantId: string) {
    return this.change(caller, tenantId, 'suspend');
  }

  @Post(':tenantId/resume')
  @HttpCode(200)
  resume(@CallerContext() caller: Caller, @Param('tenantId', TenantIdParam) tenantId: string) {
    return this.change(caller, tenantId, 'resume');
  }

  @Post(':tenantId/offboard')
  @HttpCode(200)
  offboard(@CallerContext() caller: Caller, @Param('tenantId', TenantIdParam) tenantId: string) {
    return this.change(caller, tenantId, 'offboard');
  }

  private async change(
    caller: Caller,
    tenantId: string,
    action: TenantStatusAction,
  ): Promise<TenantResponse> {
    return unwrap(await this.handler.execute(caller, tenantId, action));
  }
}
