import { Injectable } from '@nestjs/common';
import type { CanceledUpdateOperation, OperationResponse } from '@pac/http-contracts';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { tenantPath } from '../routes/tenant-path';
import { contextOf, jsonOf, relay, Upstream } from '../upstream/upstream';

/**
 * POST /v1/operations/{id}/cancel for every operation. The tenant service keeps the operations and cancels
 * those it runs; an update's operation is a run of the lifecycle service, which alone knows whether it is
 * still scheduled (the tenant's record follows its events), so the run is canceled there, by its operation
 * id (never a later run of the same update), with the same effects as the updates resource's cancel.
 */
@Injectable()
export class OperationCancel {
  constructor(private readonly upstream: Upstream) {}

  async cancel(operationId: string, request: AuthenticatedRequest, reply: FastifyReply): Promise<void> {
    const context = contextOf(request);
    const path = `/operations/${encodeURIComponent(operationId)}`;
    // Another partner's operation, or none: the tenant service's 404.
    const found = await this.upstream.call('tenant', { method: 'GET', path }, context);
    const operation = found.status === 200 ? jsonOf<OperationResponse>(found) : undefined;
    if (!operation) return relay(found, reply);
    if (operation.type !== 'update') {
      return relay(
        await this.upstream.call('tenant', { method: 'POST', path: `${path}/cancel` }, context),
        reply,
      );
    }
    const run = tenantPath(
      operation.tenantId,
      `/update-operations/${encodeURIComponent(operation.id)}/cancel`,
    );
    const answer = await this.upstream.call('lifecycle', { method: 'POST', path: run }, context);
    const canceled = answer.status === 200 ? jsonOf<CanceledUpdateOperation>(answer) : undefined;
    if (!canceled) return relay(answer, reply);
    // The operation as the tenant service will show it once update.canceled arrives.
    const body: OperationResponse = { ...operation, status: 'canceled', completedAt: canceled.canceledAt };
    reply.status(200).headers(answer.headers).send(body);
  }
}
