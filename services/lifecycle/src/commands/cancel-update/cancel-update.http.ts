import { Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { KnownEnvironmentGuard } from '../../application/known-environment.guard';
import { CallerContext, TenantDirectory, TenantIdParam, unwrap } from '@pac/bootstrap';
import type { UpdateResponse } from '@pac/http-contracts';
import { CancelUpdateHandler } from './cancel-update.handler';

@UseGuards(KnownEnvironmentGuard)
@Controller('tenants/:tenantId/environments/:name/updates')
export class CancelUpdateHttp {
  constructor(
    private readonly handler: CancelUpdateHandler,
    private readonly directory: TenantDirectory,
  ) {}

  @Post(':targetVersion/cancel')
  @HttpCode(200)
  async cancel(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
    @Param('targetVersion') targetVersion: string,
  ): Promise<UpdateResponse> {
    await this.directory.assertVisible(caller, tenantId);
    const { update } = unwrap(
      await this.handler.execute(caller, tenantId, { environmentName: name, targetVersion }),
    );
    return update;
  }
}
