import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { EnvironmentPurged } from '@pac/contracts';
import { accept, type Decision } from '@pac/domain';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { recordEnvironmentAction } from '../../application/environment-actions';
import { visibleEnvironment } from '../../application/visibility';
import { decideWithdrawCopy } from '../../domain/environment-copy';
import { deleteEnvironment } from '../../persistence/environments';

@Injectable()
export class WithdrawCopyHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Internal (the sandbox saga's compensation): a sandbox copy removed at once, with its extensions, as a
   * `purge` operation with environment.purged; its name and quota place are free when this returns. Removing
   * one already gone is done already (the saga may ask again after a restart): 204 either way.
   */
  async execute(caller: Caller, tenantId: string, name: string): Promise<Decision<true, AnswerableError>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager): Promise<Decision<true, AnswerableError>> => {
      const found = await visibleEnvironment(manager, caller, tenantId, name, { lock: true });
      if (!found.ok) return found.error.code === 'environment-not-found' ? accept(true) : found;
      const { tenant, environment } = found.value;
      const decision = decideWithdrawCopy(environment);
      if (!decision.ok) return decision;
      await recordEnvironmentAction(
        manager,
        this.outbox,
        {
          type: 'purge',
          partnerId: tenant.partnerId,
          environment,
          createdBy: caller.subject,
          parameters: { reason: 'copy-withdrawn', sourceEnvironment: environment.sourceEnvironment },
          event: EnvironmentPurged,
          eventDetails: {},
        },
        now,
      );
      await deleteEnvironment(manager, environment.id);
      return accept(true);
    });
  }
}
