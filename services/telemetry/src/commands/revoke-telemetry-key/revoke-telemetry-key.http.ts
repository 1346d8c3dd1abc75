import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap, uuidParam } from '@pac/bootstrap';
import { TELEMETRY_KEY_NOT_FOUND } from '../../domain/not-found';
import { RevokeTelemetryKeyHandler } from './revoke-telemetry-key.handler';

@Controller('tenants')
export class RevokeTelemetryKeyHttp {
  constructor(private readonly handler: RevokeTelemetryKeyHandler) {}

  @Delete(':tenantId/environments/:name/telemetry-keys/:keyId')
  @HttpCode(204)
  async revoke(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
    @Param('keyId', uuidParam(TELEMETRY_KEY_NOT_FOUND)) keyId: string,
  ): Promise<void> {
    unwrap(await this.handler.execute(caller, tenantId, name, keyId));
  }
}
