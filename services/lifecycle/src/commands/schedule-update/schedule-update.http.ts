import { Body, Controller, Param, Patch, UseGuards } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { KnownEnvironmentGuard } from '../../application/known-environment.guard';
import { CallerContext, TenantDirectory, TenantIdParam, unwrap } from '@pac/bootstrap';
import { ScheduleUpdateRequest, type UpdateResponse } from '@pac/http-contracts';
import { ScheduleUpdateHandler } from './schedule-update.handler';

@UseGuards(KnownEnvironmentGuard)
@Controller('tenants/:tenantId/environments/:name/updates')
export class ScheduleUpdateHttp {
  constructor(
    private readonly handler: ScheduleUpdateHandler,
    private readonly directory: TenantDirectory,
  ) {}

  @Patch(':targetVersion')
  async schedule(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
    @Param('targetVersion') targetVersion: string,
    @Body() body: ScheduleUpdateRequest,
  ): Promise<UpdateResponse> {
    await this.directory.assertVisible(caller, tenantId);
    return unwrap(await this.handler.execute(caller, tenantId, name, targetVersion, body));
  }
}
