import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam } from '@pac/bootstrap';
import type { EnvironmentView } from '../../environment-view';
import { problemFor } from '../../problem-for';
import { RecoverEnvironmentHandler } from './recover-environment.handler';

@Controller('tenants')
export class RecoverEnvironmentHttp {
  constructor(private readonly handler: RecoverEnvironmentHandler) {}

  @Post(':tenantId/environments/:name/recover')
  @HttpCode(200)
  async recover(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
  ): Promise<EnvironmentView> {
    const result = await this.handler.execute(caller, tenantId, name);
    if (!result.ok) throw problemFor(result.error);
    return result.value;
  }
}
