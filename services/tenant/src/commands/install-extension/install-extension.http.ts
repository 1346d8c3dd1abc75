import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap } from '@pac/bootstrap';
import { InstallExtensionRequest, type ExtensionResponse } from '@pac/http-contracts';
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
  ): Promise<ExtensionResponse> {
    return unwrap(await this.handler.execute(caller, tenantId, name, body));
  }
}
