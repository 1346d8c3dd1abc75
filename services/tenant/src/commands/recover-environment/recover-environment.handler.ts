import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { EnvironmentRecovered } from '@pac/contracts';
import { accept, type Decision } from '@pac/domain';
import type { EnvironmentResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { recordEnvironmentAction } from '../../application/environment-actions';
import { environmentResponse } from '../../application/responses';
import { visibleEnvironment } from '../../application/visibility';
import { decideRecover } from '../../domain/environment';
import { saveEnvironment } from '../../persistence/environments';

@Injectable()
export class RecoverEnvironmentHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** Brings a soft-deleted environment back, as it was, if the purge has not removed it yet (then 404). */
  async execute(
    caller: Caller,
    tenantId: string,
    name: string,
  ): Promise<Decision<EnvironmentResponse, AnswerableError>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      const found = await visibleEnvironment(manager, caller, tenantId, name, { lock: true });
      if (!found.ok) return found;
      const { tenant, environment: current } = found.value;
      const decision = decideRecover(tenant, current, now);
      if (!decision.ok) return decision;
      const environment = decision.value;
      await saveEnvironment(manager, environment);
      await recordEnvironmentAction(
        manager,
        this.outbox,
        {
          type: 'recover',
          partnerId: tenant.partnerId,
          environment,
          createdBy: caller.subject,
          event: EnvironmentRecovered,
          eventDetails: {},
        },
        now,
      );
      return accept(environmentResponse(environment));
    });
  }
}
