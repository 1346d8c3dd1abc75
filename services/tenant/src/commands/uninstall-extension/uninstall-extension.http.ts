import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap, uuidParam } from '@pac/bootstrap';
import { EXTENSION_NOT_FOUND } from '../../domain/not-found';
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
    @Param('extensionId', uuidParam(EXTENSION_NOT_FOUND)) extensionId: string,
  ): Promise<void> {
    unwrap(await this.handler.execute(caller, tenantId, name, extensionId));
  }
}
