import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ExtensionResponse, InstallExtensionRequest, PageQuery } from '@pac/http-contracts';
import type { FastifyReply } from 'fastify';
import { RequiresAccess } from '../auth/access';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Upstream } from '../upstream/upstream';
import { environmentPath } from './environments.controller';

@ApiTags('Environments and extensions')
@ApiBearerAuth()
@Controller('v1/tenants/:tenantId/environments/:name/extensions')
export class ExtensionsController {
  constructor(private readonly upstream: Upstream) {}

  @Get()
  @RequiresAccess('read')
  @ApiOkResponse({
    description: 'The extensions installed, most recent first: { items: Extension[], nextCursor }',
  })
  list(
    @Param('tenantId') tenantId: string,
    @Param('name') name: string,
    @Query() query: PageQuery,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const call = {
      method: 'GET' as const,
      path: environmentPath(tenantId, name, '/extensions'),
      query: { ...query },
    };
    return this.upstream.forward('tenant', call, req, reply);
  }

  @Post()
  @HttpCode(201)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Install an extension',
    description:
      'One version of an extension (publisher + name) per environment: 409 if it is installed already. ' +
      '409 too if it does not support the environment’s application version (minVersion ≤ version ≤ maxVersion).',
  })
  @ApiCreatedResponse({ type: ExtensionResponse })
  install(
    @Param('tenantId') tenantId: string,
    @Param('name') name: string,
    @Body() body: InstallExtensionRequest,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const call = { method: 'POST' as const, path: environmentPath(tenantId, name, '/extensions'), body };
    return this.upstream.forward('tenant', call, req, reply);
  }

  @Delete(':extensionId')
  @HttpCode(204)
  @RequiresAccess('act')
  @ApiOperation({ summary: 'Uninstall an extension' })
  @ApiNoContentResponse({ description: 'Uninstalled' })
  uninstall(
    @Param('tenantId') tenantId: string,
    @Param('name') name: string,
    @Param('extensionId') extensionId: string,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const path = environmentPath(tenantId, name, `/extensions/${encodeURIComponent(extensionId)}`);
    return this.upstream.forward('tenant', { method: 'DELETE', path }, req, reply);
  }
}
