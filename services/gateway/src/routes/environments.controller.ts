import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateEnvironmentRequest,
  EnvironmentResponse,
  OperationResponse,
  PageQuery,
  RenameEnvironmentRequest,
} from '@pac/http-contracts';
import type { FastifyReply } from 'fastify';
import { RequiresAccess } from '../auth/access';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Upstream } from '../upstream/upstream';
import { tenantPath } from './tenant-path';

/** The internal path of one environment (or below it), every part encoded. */
export function environmentPath(tenantId: string, name: string, below = ''): string {
  return tenantPath(tenantId, `/environments/${encodeURIComponent(name)}${below}`);
}

@ApiTags('Environments and extensions')
@ApiBearerAuth()
@Controller('v1/tenants/:tenantId/environments')
export class EnvironmentsController {
  constructor(private readonly upstream: Upstream) {}

  @Get()
  @RequiresAccess('read')
  @ApiOkResponse({
    description:
      'The customer’s environments, newest first, soft-deleted ones included: { items: Environment[], nextCursor }',
  })
  list(
    @Param('tenantId') tenantId: string,
    @Query() query: PageQuery,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const call = { method: 'GET' as const, path: tenantPath(tenantId, '/environments'), query: { ...query } };
    return this.upstream.forward('tenant', call, req, reply);
  }

  @Post()
  @HttpCode(202)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Create an environment',
    description:
      'Answers 202 with the `create` operation; the environment is `preparing` until the operation succeeds, ' +
      'then `active` (environment.created is published then). 409 beyond the tenant’s quota for the type ' +
      '(3 production, 3 sandbox by default; soft-deleted environments count until purged), for a name already ' +
      'used (any case), or while the tenant is suspended or offboarded.',
  })
  @ApiAcceptedResponse({ type: OperationResponse })
  create(
    @Param('tenantId') tenantId: string,
    @Body() body: CreateEnvironmentRequest,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const call = { method: 'POST' as const, path: tenantPath(tenantId, '/environments'), body };
    return this.upstream.forward('tenant', call, req, reply);
  }

  @Get(':name')
  @RequiresAccess('read')
  @ApiOkResponse({ type: EnvironmentResponse })
  get(
    @Param('tenantId') tenantId: string,
    @Param('name') name: string,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.upstream.forward(
      'tenant',
      { method: 'GET', path: environmentPath(tenantId, name) },
      req,
      reply,
    );
  }

  @Delete(':name')
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Soft-delete an environment',
    description:
      'The environment becomes `soft-deleted` and is kept 14 days (purgeAt), recoverable; then it is purged. ' +
      'An environment that is preparing or updating cannot be deleted (409).',
  })
  @ApiOkResponse({ type: EnvironmentResponse })
  delete(
    @Param('tenantId') tenantId: string,
    @Param('name') name: string,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.upstream.forward(
      'tenant',
      { method: 'DELETE', path: environmentPath(tenantId, name) },
      req,
      reply,
    );
  }

  @Post(':name/recover')
  @HttpCode(200)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Recover a soft-deleted environment',
    description:
      'Back to the status it had before its deletion; 409 if it is not soft-deleted, 404 once purged.',
  })
  @ApiOkResponse({ type: EnvironmentResponse })
  recover(
    @Param('tenantId') tenantId: string,
    @Param('name') name: string,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const call = { method: 'POST' as const, path: environmentPath(tenantId, name, '/recover') };
    return this.upstream.forward('tenant', call, req, reply);
  }

  @Post(':name/rename')
  @HttpCode(200)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Rename an environment',
    description:
      'The new name follows the naming rules (400) and must be free in the tenant, any case (409).',
  })
  @ApiOkResponse({ type: EnvironmentResponse })
  rename(
    @Param('tenantId') tenantId: string,
    @Param('name') name: string,
    @Body() body: RenameEnvironmentRequest,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const call = { method: 'POST' as const, path: environmentPath(tenantId, name, '/rename'), body };
    return this.upstream.forward('tenant', call, req, reply);
  }
}
