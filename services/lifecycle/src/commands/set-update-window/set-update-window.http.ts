import { Body, Controller, Param, Put, UseGuards } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { KnownEnvironmentGuard } from '../../application/known-environment.guard';
import { CallerContext, TenantDirectory, TenantIdParam, unwrap } from '@pac/bootstrap';
import { UpdateWindowRequest, type UpdateWindowResponse } from '@pac/http-contracts';
import { SetUpdateWindowHandler } from './set-update-window.handler';

@UseGuards(KnownEnvironmentGuard)
@Controller('tenants/:tenantId/environments/:name/update-window')
export class SetUpdateWindowHttp {
  constructor(
    private readonly handler: SetUpdateWindowHandler,
    private readonly directory: TenantDirectory,
  ) {}

  @Put()
  async put(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
    @Body() body: UpdateWindowRequest,
  ): Promise<UpdateWindowResponse> {
    await this.directory.assertVisible(caller, tenantId);
    return unwrap(await this.handler.execute(caller, tenantId, name, body));
  }
}
