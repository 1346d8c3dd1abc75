import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, unwrap, uuidParam } from '@pac/bootstrap';
import type { OperationResponse } from '@pac/http-contracts';
import { OPERATION_NOT_FOUND } from '../../domain/not-found';
import { CancelOperationHandler } from './cancel-operation.handler';

@Controller('operations')
export class CancelOperationHttp {
  constructor(private readonly handler: CancelOperationHandler) {}

  @Post(':operationId/cancel')
  @HttpCode(200)
  async cancel(
    @CallerContext() caller: Caller,
    @Param('operationId', uuidParam(OPERATION_NOT_FOUND)) operationId: string,
  ): Promise<OperationResponse> {
    return unwrap(await this.handler.execute(caller, operationId));
  }
}
