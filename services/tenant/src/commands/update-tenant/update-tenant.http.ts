import { Body, Controller, Param, Patch } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam, unwrap } from '@pac/bootstrap';
import { UpdateTenantRequest, type TenantResponse } from '@pac/http-contracts';
import { UpdateTenantHandler } from './update-tenant.handler';

@Controller('tenants')
export class UpdateTenantHttp {
  constructor(private readonly handler: UpdateTenantHandler) {}

  @Patch(':tenantId')
  async update(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Body() body: UpdateTenantRequest = new UpdateTenantRequest(),
  ): Promise<TenantResponse> {
    return unwrap(await this.handler.execute(caller, tenantId, body));
  }
}
