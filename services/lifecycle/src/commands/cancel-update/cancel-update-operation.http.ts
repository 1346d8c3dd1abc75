import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, TenantDirectory, TenantIdParam, unwrap, uuidParam } from '@pac/bootstrap';
import type { CanceledUpdateOperation } from '@pac/http-contracts';
import { OPERATION_NOT_FOUND } from '../../domain/not-found';
import { CancelUpdateHandler } from './cancel-update.handler';

/** The run of an update canceled by its operation (CancelUpdateHandler.cancelRun). */
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
    @Param('operationId', uuidParam(OPERATION_NOT_FOUND)) operationId: string,
  ): Promise<CanceledUpdateOperation> {
    await this.directory.assertVisible(caller, tenantId);
    return unwrap(await this.handler.cancelRun(caller, tenantId, operationId));
  }
}
