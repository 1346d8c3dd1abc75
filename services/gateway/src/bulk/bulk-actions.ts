import { Injectable } from '@nestjs/common';
import { problem, ProblemException } from '@pac/bootstrap';
import {
  idempotencyKeyProblem,
  refusedItem,
  type BulkItemOutcome,
  type BulkRequest,
  type BulkResponse,
  type BulkTenantAnswer,
} from '@pac/http-contracts';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { GatewayConfig } from '../gateway.config';
import { fillRoute } from '../forwarding/internal-path';
import type { ServiceName } from '../upstream/services';
import { contextOf, jsonOf, problemOf, Upstream, type UpstreamAnswer } from '../upstream/upstream';
import { runBulk } from './bulk-runner';
import { UpstreamTenantLookup } from './tenant-lookup';

/** Where a bulk route's name is: `/v1/bulk/<action>`. */
const BULK_ROUTE = /^\/v1\/bulk\/([a-z0-9-]+)$/;

/**
 * The one way a bulk route runs (routes/bulk.controller.ts): runBulk over the tenants of the request (ids or
 * "all"), and for each tenant one call to the service that owns the action, `POST
 * /tenants/{tenantId}/bulk/<action>` with the request's parameters (all but `tenantIds`). The service decides
 * everything about the tenant: it answers its results (BulkTenantAnswer: done, skipped with the rule's code,
 * refused with the problem) or a problem, which becomes the tenant's one failed or not-found item.
 */
@Injectable()
export class BulkActions {
  constructor(
    private readonly upstream: Upstream,
    private readonly tenants: UpstreamTenantLookup,
    private readonly config: GatewayConfig,
  ) {}

  /**
   * With `checkFirst`, parameters that are the same for every tenant are first checked by the owning service
   * (`POST /bulk/<action>/check`): its refusal (400 naming the field) is the answer, and no tenant is touched.
   */
  async run(
    service: ServiceName,
    body: BulkRequest,
    request: AuthenticatedRequest,
    options: { checkFirst?: boolean } = {},
  ): Promise<BulkResponse> {
    const context = contextOf(request);
    if (context.idempotencyKey !== undefined) {
      const keyProblem = idempotencyKeyProblem(context.idempotencyKey);
      if (keyProblem) throw ProblemException.validation([{ field: 'Idempotency-Key', message: keyProblem }]);
    }
    const action = BULK_ROUTE.exec(request.routeOptions.url ?? '')?.[1];
    if (!action) throw new Error(`${request.routeOptions.url} is not a bulk route (/v1/bulk/<action>)`);
    const { tenantIds, ...parameters } = body;
    if (options.checkFirst) {
      // A check changes nothing: no idempotency key (each tenant's call gets its own).
      const { idempotencyKey: _none, ...checkContext } = context;
      const path = fillRoute('/bulk/:action/check', { action });
      const answer = await this.upstream.call(
        service,
        { method: 'POST', path, body: parameters },
        checkContext,
      );
      if (answer.status >= 300) throw new ProblemException(problemOf(answer));
    }
    const route = `/tenants/:tenantId/bulk/${action}`;
    return runBulk(
      tenantIds,
      async (tenant, itemContext) => {
        const path = fillRoute(route, { tenantId: tenant.id });
        return outcomesOf(
          await this.upstream.call(service, { method: 'POST', path, body: parameters }, itemContext),
        );
      },
      {
        tenants: this.tenants,
        concurrency: this.config.BULK_CONCURRENCY,
        context,
        onUnexpectedError: (error, tenantId) =>
          request.log.error({ err: error, tenantId }, `bulk ${action} failed unexpectedly on one tenant`),
      },
    );
  }
}

/** The owning service's answer for one tenant as items: its results, or its refusal as the tenant's one item. */
export function outcomesOf(answer: UpstreamAnswer): BulkItemOutcome[] {
  if (answer.status >= 400) return [refusedItem(problemOf(answer))];
  const results = answer.status === 200 ? jsonOf<Partial<BulkTenantAnswer>>(answer)?.results : undefined;
  if (Array.isArray(results)) return results;
  return [refusedItem(problem(502, `the service answered ${answer.status} without the tenant's results`))];
}
