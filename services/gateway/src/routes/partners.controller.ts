import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreatePartnerRequest, PartnerResponse } from '@pac/http-contracts';
import type { FastifyReply } from 'fastify';
import { RequiresAccess } from '../auth/access';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Upstream } from '../upstream/upstream';

@ApiTags('Partners and customers')
@ApiBearerAuth()
@Controller('v1/partners')
export class PartnersController {
  constructor(private readonly upstream: Upstream) {}

  @Post()
  @RequiresAccess('platform')
  @ApiCreatedResponse({ type: PartnerResponse })
  create(@Body() body: CreatePartnerRequest, @Req() req: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.upstream.forward('tenant', { method: 'POST', path: '/partners', body }, req, reply);
  }

  @Get('me')
  @RequiresAccess('read')
  @ApiOkResponse({ type: PartnerResponse })
  me(@Req() req: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.upstream.forward('tenant', { method: 'GET', path: '/partners/me' }, req, reply);
  }
}
