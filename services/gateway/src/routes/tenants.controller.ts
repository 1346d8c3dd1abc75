import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateTenantRequest, ListTenantsQuery, TenantResponse } from '@pac/http-contracts';
import type { FastifyReply } from 'fastify';
import { RequiresAccess } from '../auth/access';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Upstream } from '../upstream/upstream';
import { tenantPath } from './tenant-path';

@ApiTags('Partners and customers')
@ApiBearerAuth()
@Controller('v1/tenants')
export class TenantsController {
  constructor(private readonly upstream: Upstream) {}

  @Get()
  @RequiresAccess('read')
  @ApiOkResponse({ description: 'A page of the partner’s customers: { items: Tenant[], nextCursor }' })
  list(@Query() query: ListTenantsQuery, @Req() req: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.upstream.forward(
      'tenant',
      { method: 'GET', path: '/tenants', query: { ...query } },
      req,
      reply,
    );
  }

  @Post()
  @RequiresAccess('act-for-partner')
  @ApiCreatedResponse({ type: TenantResponse })
  create(@Body() body: CreateTenantRequest, @Req() req: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.upstream.forward('tenant', { method: 'POST', path: '/tenants', body }, req, reply);
  }

  @Get(':tenantId')
  @RequiresAccess('read')
  @ApiOkResponse({ type: TenantResponse })
  get(@Param('tenantId') tenantId: string, @Req() req: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.upstream.forward('tenant', { method: 'GET', path: tenantPath(tenantId) }, req, reply);
  }
}
