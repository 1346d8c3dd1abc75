import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateTenantRequest,
  ListTenantsQuery,
  TenantResponse,
  UpdateTenantRequest,
} from '@pac/http-contracts';
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

  @Patch(':tenantId')
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Change a customer’s details',
    description:
      'The fields given replace the current ones (tags and contacts as whole lists); externalDirectoryId: null ' +
      'removes it. Allowed while active or suspended; an offboarded tenant is read-only (409).',
  })
  @ApiOkResponse({ type: TenantResponse })
  update(
    @Param('tenantId') tenantId: string,
    @Body() body: UpdateTenantRequest,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.upstream.forward('tenant', { method: 'PATCH', path: tenantPath(tenantId), body }, req, reply);
  }

  @Post(':tenantId/suspend')
  @HttpCode(200)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Suspend a customer',
    description:
      'active → suspended. A suspended tenant stays readable and its details can change, but its environments ' +
      'and extensions cannot (409) until it is resumed. The partner’s decision: a customer admin gets 403.',
  })
  @ApiOkResponse({ type: TenantResponse })
  suspend(@Param('tenantId') tenantId: string, @Req() req: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.upstream.forward(
      'tenant',
      { method: 'POST', path: tenantPath(tenantId, '/suspend') },
      req,
      reply,
    );
  }

  @Post(':tenantId/resume')
  @HttpCode(200)
  @RequiresAccess('act')
  @ApiOperation({ summary: 'Resume a suspended customer', description: 'suspended → active; otherwise 409.' })
  @ApiOkResponse({ type: TenantResponse })
  resume(@Param('tenantId') tenantId: string, @Req() req: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.upstream.forward(
      'tenant',
      { method: 'POST', path: tenantPath(tenantId, '/resume') },
      req,
      reply,
    );
  }

  @Post(':tenantId/offboard')
  @HttpCode(200)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Offboard a customer (final)',
    description:
      'active or suspended → offboarded. Final: the tenant and its environments stay readable, and every ' +
      'write to them is refused with 409.',
  })
  @ApiOkResponse({ type: TenantResponse })
  offboard(
    @Param('tenantId') tenantId: string,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.upstream.forward(
      'tenant',
      { method: 'POST', path: tenantPath(tenantId, '/offboard') },
      req,
      reply,
    );
  }
}
