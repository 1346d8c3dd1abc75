import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { accept, type Decision } from '@pac/domain';
import type { SandboxResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { sandboxResponse } from '../../application/responses';
import { changeSandbox } from '../../application/sandbox-change';
import { decideExtend } from '../../domain/sandbox';

@Injectable()
export class ExtendSandboxHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  async execute(
    caller: Caller,
    tenantId: string,
    name: string,
    days: number,
  ): Promise<Decision<SandboxResponse, AnswerableError>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      const changed = await changeSandbox(
        manager,
        this.outbox,
        { caller, tenantId, name },
        (sandbox) => decideExtend(sandbox, days, now),
        now,
      );
      return changed.ok ? accept(sandboxResponse(changed.value)) : changed;
    });
  }
}
