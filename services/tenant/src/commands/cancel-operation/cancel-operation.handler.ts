import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { accept, reject, type Decision } from '@pac/domain';
import type { OperationResponse } from '@pac/http-contracts';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { operationResponse } from '../../application/responses';
import { OPERATION_NOT_FOUND } from '../../domain/not-found';
import { decideCancelOperation } from '../../domain/operation';
import { checkTenantAllows } from '../../domain/tenant';
import { findOperation, saveOperation } from '../../persistence/operations';
import { findVisibleTenant } from '../../persistence/tenants';

@Injectable()
export class CancelOperationHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Cancels an operation that has not started (queued or scheduled); 409 otherwise. */
  async execute(caller: Caller, operationId: string): Promise<Decision<OperationResponse, AnswerableError>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      const operation = await findOperation(manager, operationId, { lock: true });
      const tenant = operation ? await findVisibleTenant(manager, caller, operation.tenantId) : null;
      if (!operation || !tenant) return reject(OPERATION_NOT_FOUND);
      const allowed = checkTenantAllows(tenant, 'details');
      if (!allowed.ok) return allowed;
      const decision = decideCancelOperation(operation, now);
      if (!decision.ok) return decision;
      await saveOperation(manager, decision.value);
      return accept(operationResponse(decision.value));
    });
  }
}
