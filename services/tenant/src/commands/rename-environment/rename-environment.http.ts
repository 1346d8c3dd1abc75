import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam } from '@pac/bootstrap';
import { RenameEnvironmentRequest } from '@pac/http-contracts';
import type { EnvironmentView } from '../../environment-view';
import { problemFor } from '../../problem-for';
import { RenameEnvironmentHandler } from './rename-environment.handler';

@Controller('tenants')
export class RenameEnvironmentHttp {
  constructor(private readonly handler: RenameEnvironmentHandler) {}

  @Post(':tenantId/environments/:name/rename')
  @HttpCode(200)
  async rename(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
    @Body() body: RenameEnvironmentRequest,
  ): Promise<EnvironmentView> {
    const result = await this.handler.execute(caller, tenantId, name, body.newName);
    if (!result.ok) throw problemFor(result.error);
    return result.value;
  }
}
