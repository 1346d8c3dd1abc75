import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap } from '@pac/bootstrap';
import type { TelemetryKeyCreatedResponse } from '@pac/http-contracts';
import { CreateTelemetryKeyHandler } from './create-telemetry-key.handler';

@Controller('tenants')
export class CreateTelemetryKeyHttp {
  constructor(private readonly handler: CreateTelemetryKeyHandler) {}

  @Post(':tenantId/environments/:name/telemetry-keys')
  @HttpCode(201)
  async create(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('name') name: string,
  ): Promise<TelemetryKeyCreatedResponse> {
    return unwrap(await this.handler.execute(caller, tenantId, name));
  }
}
