import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam } from '@pac/bootstrap';
import { ExtensionIdParam } from '../../path-params';
import { problemFor } from '../../problem-for';
import { UninstallExtensionHandler } from './uninstall-extension.handler';

@Controller('tenants')
export class UninstallExtensionHttp {
  constructor(private readonly handler: UninstallExtensionHandler) {}

  /** 204: the extension is gone. */
  @Delete(':tenantId/environments/:name/extensions/:extensionId')
  @HttpCode(204)
  async uninstall(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
    @Param('extensionId', ExtensionIdParam) extensionId: string,
  ): Promise<void> {
    const result = await this.handler.execute(caller, tenantId, name, extensionId);
    if (!result.ok) throw problemFor(result.error);
  }
}
