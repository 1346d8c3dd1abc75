import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '@pac/http-contracts';
import type { FastifyReply } from 'fastify';
import { RequiresAccess } from '../auth/access';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Upstream } from '../upstream/upstream';
import { tenantPath } from './tenant-path';

/** What the other services know about one customer, each read from the service that owns it. */
@ApiBearerAuth()
@Controller('v1/tenants/:tenantId')
export class TenantViewsController {
  constructor(private readonly upstream: Upstream) {}

  @Get('telemetry')
  @ApiTags('Telemetry and issues')
  @RequiresAccess('read')
  @ApiOkResponse({
    description: 'The customer’s telemetry, newest first: { items: TelemetryRow[], nextCursor }',
  })
  telemetry(
    @Param('tenantId') tenantId: string,
    @Query() query: PageQuery,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const call = { method: 'GET' as const, path: tenantPath(tenantId, '/telemetry'), query: { ...query } };
    return this.upstream.forward('telemetry', call, req, reply);
  }

  @Get('update-window-policy')
  @ApiTags('Lifecycle')
  @RequiresAccess('read')
  @ApiOkResponse({ description: 'The update window new environments of this customer start with' })
  updateWindowPolicy(
    @Param('tenantId') tenantId: string,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const call = { method: 'GET' as const, path: tenantPath(tenantId, '/update-window-policy') };
    return this.upstream.forward('lifecycle', call, req, reply);
  }

  @Get('sandbox-quota')
  @ApiTags('Sandboxes')
  @RequiresAccess('read')
  @ApiOkResponse({ description: 'How many sandboxes this customer may have at once' })
  sandboxQuota(
    @Param('tenantId') tenantId: string,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.upstream.forward(
      'sandbox',
      { method: 'GET', path: tenantPath(tenantId, '/sandbox-quota') },
      req,
      reply,
    );
  }
}
