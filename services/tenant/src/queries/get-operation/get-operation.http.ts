import { Controller, Get, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, problemFor, uuidParam } from '@pac/bootstrap';
import type { OperationResponse } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { operationResponse } from '../../application/responses';
import { OPERATION_NOT_FOUND } from '../../domain/not-found';
import { findOperation } from '../../persistence/operations';
import { findVisibleTenant } from '../../persistence/tenants';

@Controller('operations')
export class GetOperationHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** One operation; another partner's is "not found", like its tenant. */
  @Get(':operationId')
  async get(
    @CallerContext() caller: Caller,
    @Param('operationId', uuidParam(OPERATION_NOT_FOUND)) operationId: string,
  ): Promise<OperationResponse> {
    const manager = this.dataSource.manager;
    const operation = await findOperation(manager, operationId);
    const tenant = operation ? await findVisibleTenant(manager, caller, operation.tenantId) : null;
    if (!operation || !tenant) throw problemFor(OPERATION_NOT_FOUND);
    return operationResponse(operation);
  }
}
