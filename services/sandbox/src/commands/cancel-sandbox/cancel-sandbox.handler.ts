import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { accept, reject, type Decision } from '@pac/domain';
import type { OperationResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { sandboxOperationResponse } from '../../application/responses';
import { changeSandbox } from '../../application/sandbox-change';
import { decideCancelOrDelete } from '../../domain/sandbox';
import { OPERATION_NOT_FOUND } from '../../domain/not-found';
import { findSandboxByOperation } from '../../persistence/sandboxes';

@Injectable()
export class CancelSandboxHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  /**
   * DELETE .../sandboxes/{name}: a ready sandbox is deleted, a queued or running copy canceled; either way
   * the saga withdraws the copy (no environment, no quota place left) and sandbox.deleted follows.
   */
  async execute(
    caller: Caller,
    tenantId: string,
    name: string,
  ): Promise<Decision<OperationResponse, AnswerableError>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      const changed = await changeSandbox(
        manager,
        this.outbox,
        { caller, tenantId, name },
        (sandbox) => decideCancelOrDelete(sandbox, now),
        now,
      );
      return changed.ok ? accept(sandboxOperationResponse(changed.value)) : changed;
    });
  }

  /** POST /operations/{id}/cancel for a sandbox's operation (the gateway sends it here): only while it runs. */
  async cancelOperation(
    caller: Caller,
    operationId: string,
  ): Promise<Decision<OperationResponse, AnswerableError>> {
    const found = await findSandboxByOperation(this.dataSource.manager, operationId);
    if (!found) return reject(OPERATION_NOT_FOUND);
    if (!['queued', 'copying', 'updating'].includes(found.status)) {
      return reject({
        code: 'operation-not-cancelable',
        message: `the sandbox is ${found.status}: only a queued or running copy is canceled (DELETE removes a ready one)`,
      });
    }
    const canceled = await this.execute(caller, found.tenantId, found.name);
    if (!canceled.ok && canceled.error.code === 'tenant-not-found') return reject(OPERATION_NOT_FOUND);
    return canceled;
  }
}
