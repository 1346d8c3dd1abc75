import { Body, Controller, Param, Patch } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantIdParam } from '@pac/bootstrap';
import { UpdateTenantRequest } from '@pac/http-contracts';
import type { Tenant } from '../../domain/tenant';
import { problemFor } from '../../problem-for';
import { UpdateTenantHandler } from './update-tenant.handler';

@Controller('tenants')
export class UpdateTenantHttp {
  constructor(private readonly handler: UpdateTenantHandler) {}

  @Patch(':tenantId')
  async update(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Body() body: UpdateTenantRequest = new UpdateTenantRequest(),
  ): Promise<Tenant> {
    const result = await this.handler.execute(caller, tenantId, body);
    if (!result.ok) throw problemFor(result.error);
    return result.value;
  }
}
