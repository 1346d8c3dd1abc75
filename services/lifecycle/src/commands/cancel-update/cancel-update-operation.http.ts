import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, ProblemException, TenantDirectory, TenantIdParam } from '@pac/bootstrap';
import type { CanceledUpdateOperation } from '@pac/http-contracts';
import { CancelUpdateHandler } from './cancel-update.handler';

/** An operation id that is not a UUID names no run. */
const OperationIdParam = new ParseUUIDPipe({
  exceptionFactory: () => ProblemException.notFound('no such operation'),
});

/**
 * The run of an update canceled by its operation, for the gateway's POST /v1/operations/{id}/cancel: this
 * service, which runs updates, decides whether the run is still scheduled (the tenant service's record of
 * the operation may be an event behind). Refusals read like the tenant service's for its own operations.
 */
@Controller('tenants/:tenantId/update-operations')
export class CancelUpdateOperationHttp {
  constructor(
    private readonly handler: CancelUpdateHandler,
    private readonly directory: TenantDirectory,
  ) {}

  @Post(':operationId/cancel')
  @HttpCode(200)
  async cancel(
    @CallerContext() caller: Caller,
    @Param('tenantId', TenantIdParam) tenantId: string,
    @Param('operationId', OperationIdParam) operationId: string,
  ): Promise<CanceledUpdateOperation> {
    await this.directory.assertVisible(caller, tenantId);
    const result = await this.handler.execute(caller, tenantId, { operationId });
    if (result.ok) {
      return { operationId, canceledAt: result.canceledAt.toISOString(), update: result.update };
    }
    // No update has this run any more (a new run replaced it, the environment was purged): it is over.
    const detail =
      result.error.code === 'update-not-scheduled' || result.error.code === 'update-mandatory'
        ? result.error.message
        : 'the operation is over: its update has no such scheduled run any more';
    throw ProblemException.conflict(detail, { code: 'operation-not-cancelable' });
  }
}
