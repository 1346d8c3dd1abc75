import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap } from '@pac/bootstrap';
import { EnvironmentSnapshotRequest } from '@pac/http-contracts';
import { LearnEnvironmentHandler } from './learn-environment.handler';

/**
 * Internal only (no public route maps here): the gateway relays the tenant service's answer about an
 * environment this service does not know yet (docs/lifecycle.md, consistency across services).
 */
@Controller('tenants/:tenantId/environments/:name/snapshot')
export class LearnEnvironmentHttp {
  constructor(private readonly handler: LearnEnvironmentHandler) {}

  @Put()
  @HttpCode(204)
  async learn(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Body() body: EnvironmentSnapshotRequest,
  ): Promise<void> {
    unwrap(await this.handler.execute(caller, tenantId, body));
  }
}
