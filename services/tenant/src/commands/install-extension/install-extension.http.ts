import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam } from '@pac/bootstrap';
import { InstallExtensionRequest } from '@pac/http-contracts';
import type { ExtensionView } from '../../environment-view';
import { problemFor } from '../../problem-for';
import { InstallExtensionHandler } from './install-extension.handler';

@Controller('tenants')
export class InstallExtensionHttp {
  constructor(private readonly handler: InstallExtensionHandler) {}

  @Post(':tenantId/environments/:name/extensions')
  @HttpCode(201)
  async install(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
    @Body() body: InstallExtensionRequest,
  ): Promise<ExtensionView> {
    const result = await this.handler.execute(caller, tenantId, name, body);
    if (!result.ok) throw problemFor(result.error);
    return result.value;
  }
}
