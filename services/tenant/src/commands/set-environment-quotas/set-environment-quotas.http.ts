import { Body, Controller, Param, Put } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, ProblemException, TenantIdParam, unwrap } from '@pac/bootstrap';
import { SetEnvironmentQuotasRequest, type EnvironmentQuotasResponse } from '@pac/http-contracts';
import { SetEnvironmentQuotasHandler } from './set-environment-quotas.handler';

@Controller('tenants')
export class SetEnvironmentQuotasHttp {
  constructor(private readonly handler: SetEnvironmentQuotasHandler) {}

  /** 200 with the tenant's quotas after the change; a platform admin's only. */
  @Put(':tenantId/environment-quotas')
  async set(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Body() body: SetEnvironmentQuotasRequest,
  ): Promise<EnvironmentQuotasResponse> {
    if (!caller.roles.includes('platform:admin'))
      throw ProblemException.forbidden('only a platform admin sets environment quotas');
    return unwrap(await this.handler.execute(caller, tenantId, body.additionalProductionEnvironments));
  }
}
