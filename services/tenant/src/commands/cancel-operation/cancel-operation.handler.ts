import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { Clock } from '@pac/clock';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { accept, refuse, type Decision } from '../../domain/decision';
import { decideCancelOperation, type Operation } from '../../domain/operation';
import { checkTenantAllows } from '../../domain/tenant';
import { OperationEntity } from '../../persistence/operation.entity';
import { findVisibleTenant } from '../../persistence/tenant-scope';

@Injectable()
export class CancelOperationHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Cancels an operation that has not started (queued or scheduled); 409 otherwise. */
  async execute(caller: Caller, operationId: string): Promise<Decision<Operation>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager): Promise<Decision<Operation>> => {
      const row = await manager
        .getRepository(OperationEntity)
        .findOne({ where: { id: operationId }, lock: { mode: 'pessimistic_write' } });
      const tenant = row ? await findVisibleTenant(manager, caller, row.tenantId) : null;
      if (!row || !tenant) return refuse('operation-not-found', 'no such operation');
      const allowed = checkTenantAllows(tenant, 'details');
      if (!allowed.ok) return allowed;
      const decision = decideCancelOperation(row.toDomain(), now);
      if (!decision.ok) return decision;
      await manager
        .getRepository(OperationEntity)
        .update({ id: operationId }, { status: decision.value.status, completedAt: now });
      return accept(decision.value);
    });
  }
}
