import { Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OperationResponse, type CanceledUpdateOperation } from '@pac/http-contracts';
import type { FastifyReply } from 'fastify';
import { RequiresAccess } from '../auth/access';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { fillRoute } from '../forwarding/internal-path';
import { contextOf, jsonOf, relay, Upstream } from '../upstream/upstream';

/**
 * POST /v1/operations/{id}/cancel, the one route two services answer together. The tenant service keeps the
 * operations and cancels those it runs; an update's operation is a run of the lifecycle service, which alone
 * knows whether it is still scheduled (the tenant's record follows its events), so the run is canceled there,
 * by its operation id (never a later run of the same update), with the same effects as the updates resource's
 * cancel. A sandbox request's operation is not the tenant service's: the sandbox service cancels it (its saga
 * then withdraws the copy).
 */
@ApiTags('Lifecycle')
@ApiBearerAuth()
@Controller('v1')
export class OperationCancelController {
  constructor(private readonly upstream: Upstream) {}

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
  async cancelOperation(
    @Param('operationId') operationId: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = contextOf(request);
    const path = fillRoute('/operations/:operationId', { operationId });
    // Another partner's operation, or none: the tenant service's 404.
    const found = await this.upstream.call('tenant', { method: 'GET', path }, context);
    const operation = found.status === 200 ? jsonOf<OperationResponse>(found) : undefined;
    if (found.status === 404) {
      // A sandbox request's operation is the sandbox service's own (docs/sandboxes.md): its 404 if not that either.
      const sandboxPath = fillRoute('/sandbox-operations/:operationId/cancel', { operationId });
      return relay(
        await this.upstream.call('sandbox', { method: 'POST', path: sandboxPath }, context),
        reply,
      );
    }
    if (!operation) return relay(found, reply);
    if (operation.type !== 'update') {
      return relay(
        await this.upstream.call('tenant', { method: 'POST', path: `${path}/cancel` }, context),
        reply,
      );
    }
    const run = fillRoute('/tenants/:tenantId/update-operations/:operationId/cancel', {
      tenantId: operation.tenantId,
      operationId: operation.id,
    });
    const answer = await this.upstream.call('lifecycle', { method: 'POST', path: run }, context);
    const canceled = answer.status === 200 ? jsonOf<CanceledUpdateOperation>(answer) : undefined;
    if (!canceled) return relay(answer, reply);
    // The operation as the tenant service will show it once update.canceled arrives.
    const body: OperationResponse = { ...operation, status: 'canceled', completedAt: canceled.canceledAt };
    reply.status(200).headers(answer.headers).send(body);
  }
}
