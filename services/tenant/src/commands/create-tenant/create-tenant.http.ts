import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, ProblemException } from '@pac/bootstrap';
import { CreateTenantRequest } from '@pac/http-contracts';
import type { Tenant } from '../../domain/tenant';
import { problemFor } from '../../problem-for';
import { CreateTenantHandler } from './create-tenant.handler';

@Controller('tenants')
export class CreateTenantHttp {
  constructor(private readonly handler: CreateTenantHandler) {}

  @Post()
  @HttpCode(201)
  async create(@CallerContext() caller: Caller, @Body() body: CreateTenantRequest): Promise<Tenant> {
    const result = await this.handler.execute(caller.partnerId, body);
    if (result.ok) return result.tenant;
    if (result.error.code === 'partner-unknown') throw ProblemException.forbidden(result.error.message);
    throw problemFor(result.error);
  }
}
