import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { EnvironmentSoftDeleted } from '@pac/contracts';
import { accept, type Decision } from '@pac/domain';
import type { EnvironmentResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { recordEnvironmentAction } from '../../application/environment-actions';
import { environmentResponse } from '../../application/responses';
import { visibleEnvironment } from '../../application/visibility';
import { decideSoftDelete } from '../../domain/environment';
import { saveEnvironment } from '../../persistence/environments';

@Injectable()
export class DeleteEnvironmentHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** Soft delete: the environment is kept, recoverable, until its purgeAt (14 days); the purge job removes it. */
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
      const decision = decideSoftDelete(tenant, current, now);
      if (!decision.ok) return decision;
      const environment = decision.value;
      await saveEnvironment(manager, environment);
      await recordEnvironmentAction(
        manager,
        this.outbox,
        {
          type: 'soft-delete',
          partnerId: tenant.partnerId,
          environment,
          createdBy: caller.subject,
          parameters: { purgeAt: environment.purgeAt },
          event: EnvironmentSoftDeleted,
          eventDetails: { purgeAt: environment.purgeAt ?? '' },
        },
        now,
      );
      return accept(environmentResponse(environment));
    });
  }
}
