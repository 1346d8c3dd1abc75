import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OverviewQuery } from '@pac/http-contracts';
import type { FastifyReply } from 'fastify';
import { RequiresAccess } from '../auth/access';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Upstream } from '../upstream/upstream';

@ApiTags('Central view and bulk actions')
@ApiBearerAuth()
@Controller('v1/overview')
export class OverviewController {
  constructor(private readonly upstream: Upstream) {}

  @Get()
  @RequiresAccess('read')
  @ApiOkResponse({ description: 'One row per customer: { items: OverviewRow[], nextCursor }' })
  list(@Query() query: OverviewQuery, @Req() req: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.upstream.forward(
      'tenant',
      { method: 'GET', path: '/overview', query: { ...query } },
      req,
      reply,
    );
  }
}
