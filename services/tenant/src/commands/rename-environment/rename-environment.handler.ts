import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { EnvironmentRenamed } from '@pac/contracts';
import { accept, type Decision } from '@pac/domain';
import type { EnvironmentResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { recordEnvironmentAction } from '../../application/environment-actions';
import { environmentResponse } from '../../application/responses';
import { visibleEnvironment } from '../../application/visibility';
import { decideRename } from '../../domain/environment';
import { environmentsOf, saveEnvironment } from '../../persistence/environments';

@Injectable()
export class RenameEnvironmentHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** Renames an environment; the new name must be free in the tenant (soft-deleted ones keep theirs). */
  async execute(
    caller: Caller,
    tenantId: string,
    name: string,
    newName: string,
  ): Promise<Decision<EnvironmentResponse, AnswerableError>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      const found = await visibleEnvironment(manager, caller, tenantId, name, { lock: true });
      if (!found.ok) return found;
      const { tenant, environment: current } = found.value;
      const decision = decideRename(tenant, current, newName, await environmentsOf(manager, tenant.id), now);
      if (!decision.ok) return decision;
      const environment = decision.value;
      await saveEnvironment(manager, environment);
      await recordEnvironmentAction(
        manager,
        this.outbox,
        {
          type: 'rename',
          partnerId: tenant.partnerId,
          environment,
          createdBy: caller.subject,
          parameters: { previousName: current.name, newName: environment.name },
          event: EnvironmentRenamed,
          eventDetails: { previousName: current.name },
        },
        now,
      );
      return accept(environmentResponse(environment));
    });
  }
}
