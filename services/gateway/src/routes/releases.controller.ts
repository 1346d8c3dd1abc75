import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListReleasesQuery, PublishReleaseRequest, ReleaseResponse } from '@pac/http-contracts';
import type { FastifyReply } from 'fastify';
import { RequiresAccess } from '../auth/access';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Upstream } from '../upstream/upstream';

@ApiTags('Lifecycle')
@ApiBearerAuth()
@Controller('v1/releases')
export class ReleasesController {
  constructor(private readonly upstream: Upstream) {}

  @Get()
  @RequiresAccess('read')
  @ApiOkResponse({
    type: [ReleaseResponse],
    description: 'Newest version first: { items: Release[], nextCursor }',
  })
  list(@Query() query: ListReleasesQuery, @Req() req: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.upstream.forward(
      'lifecycle',
      { method: 'GET', path: '/releases', query: { ...query } },
      req,
      reply,
    );
  }

  @Post()
  @RequiresAccess('platform')
  @ApiOperation({
    summary: 'Publish a release',
    description:
      'When availableFrom comes, every eligible environment (older version; previews: sandboxes only) gets it ' +
      'as an available update, pre-checked against its installed extensions (update.available, and ' +
      'update.compatibility-warning naming the extensions), scheduled automatically for the window of its ' +
      'latestSelectableDate (availableFrom’s day + latestSelectableDays, in the environment’s zone). 409 for a ' +
      'version already published.',
  })
  @ApiCreatedResponse({ type: ReleaseResponse })
  publish(@Body() body: PublishReleaseRequest, @Req() req: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.upstream.forward('lifecycle', { method: 'POST', path: '/releases', body }, req, reply);
  }
}
