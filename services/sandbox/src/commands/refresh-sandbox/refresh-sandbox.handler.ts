import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { accept, type Decision } from '@pac/domain';
import type { OperationResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { sandboxOperationResponse } from '../../application/responses';
import { changeSandbox } from '../../application/sandbox-change';
import { decideRefresh } from '../../domain/sandbox';

@Injectable()
export class RefreshSandboxHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  /** A ready sandbox is queued again: the saga copies its source again under the same name (a refresh). */
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
        (sandbox) => decideRefresh(sandbox, randomUUID(), now),
        now,
      );
      return changed.ok ? accept(sandboxOperationResponse(changed.value)) : changed;
    });
  }
}
