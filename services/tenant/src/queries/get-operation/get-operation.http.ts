import { Controller, Get, Param } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, ProblemException } from '@pac/bootstrap';
import { DataSource } from 'typeorm';
import type { Operation } from '../../domain/operation';
import { OperationIdParam } from '../../path-params';
import { OperationEntity } from '../../persistence/operation.entity';
import { findVisibleTenant } from '../../persistence/tenant-scope';

@Controller('operations')
export class GetOperationHttp {
  constructor(private readonly dataSource: DataSource) {}

  /** One operation; another partner's is "not found", like its tenant. */
  @Get(':operationId')
  async get(
    @CallerContext() caller: Caller,
    @Param('operationId', OperationIdParam) operationId: string,
  ): Promise<Operation> {
    const manager = this.dataSource.manager;
    const row = await manager.getRepository(OperationEntity).findOneBy({ id: operationId });
    const tenant = row ? await findVisibleTenant(manager, caller, row.tenantId) : null;
    if (!row || !tenant) throw ProblemException.notFound('no such operation');
    return row.toDomain();
  }
}
