import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListOperationsQuery, OperationResponse } from '@pac/http-contracts';
import type { FastifyReply } from 'fastify';
import { RequiresAccess } from '../auth/access';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { OperationCancel } from '../operations/operation-cancel';
import { Upstream } from '../upstream/upstream';
import { tenantPath } from './tenant-path';

/** Operations: the asynchronous actions (202) and the recorded history of a customer's environments. */
@ApiTags('Lifecycle')
@ApiBearerAuth()
@Controller('v1')
export class OperationsController {
  constructor(
    private readonly upstream: Upstream,
    private readonly operations: OperationCancel,
  ) {}

  @Get('tenants/:tenantId/operations')
  @RequiresAccess('read')
  @ApiOkResponse({
    description: 'The customer’s operations, newest first: { items: Operation[], nextCursor }',
  })
  list(
    @Param('tenantId') tenantId: string,
    @Query() query: ListOperationsQuery,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const call = { method: 'GET' as const, path: tenantPath(tenantId, '/operations'), query: { ...query } };
    return this.upstream.forward('tenant', call, req, reply);
  }

  @Get('operations/:operationId')
  @RequiresAccess('read')
  @ApiOkResponse({ type: OperationResponse })
  get(
    @Param('operationId') operationId: string,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const call = { method: 'GET' as const, path: `/operations/${encodeURIComponent(operationId)}` };
    return this.upstream.forward('tenant', call, req, reply);
  }

  @Post('operations/:operationId/cancel')
  @HttpCode(200)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Cancel an operation',
    description:
      'Only while it is queued or scheduled; 409 once it runs or is over. An update’s operation is its ' +
      'scheduled run: canceling it is the same as POST .../updates/{targetVersion}/cancel (update.canceled).',
  })
  @ApiOkResponse({ type: OperationResponse })
  cancel(
    @Param('operationId') operationId: string,
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.operations.cancel(operationId, req, reply);
  }
}
