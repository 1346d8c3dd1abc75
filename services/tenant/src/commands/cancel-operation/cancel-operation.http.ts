import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext } from '@pac/bootstrap';
import type { Operation } from '../../domain/operation';
import { OperationIdParam } from '../../path-params';
import { problemFor } from '../../problem-for';
import { CancelOperationHandler } from './cancel-operation.handler';

@Controller('operations')
export class CancelOperationHttp {
  constructor(private readonly handler: CancelOperationHandler) {}

  @Post(':operationId/cancel')
  @HttpCode(200)
  async cancel(
    @CallerContext() caller: Caller,
    @Param('operationId', OperationIdParam) operationId: string,
  ): Promise<Operation> {
    const result = await this.handler.execute(caller, operationId);
    if (!result.ok) throw problemFor(result.error);
    return result.value;
  }
}
