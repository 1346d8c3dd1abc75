import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, unwrap } from '@pac/bootstrap';
import { CreateTenantRequest, type TenantResponse } from '@pac/http-contracts';
import { CreateTenantHandler } from './create-tenant.handler';

@Controller('tenants')
export class CreateTenantHttp {
  constructor(private readonly handler: CreateTenantHandler) {}

  @Post()
  @HttpCode(201)
  async create(@CallerContext() caller: Caller, @Body() body: CreateTenantRequest): Promise<TenantResponse> {
    return unwrap(await this.handler.execute(caller.partnerId, body));
  }
}
