import { randomUUID } from 'node:crypto';
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
import { environmentEventData } from '../../application/event-payloads';
import { environmentResponse } from '../../application/responses';
import { findVisibleEnvironment } from '../../application/visible-environment';
import { decideRecover } from '../../domain/environment';
import { completedOperation } from '../../domain/operation';
import { extensionsOf, saveEnvironment } from '../../persistence/environments';
import { recordOperation } from '../../persistence/operations';

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
      const found = await findVisibleEnvironment(manager, caller, tenantId, name, { lock: true });
      if (!found.ok) return found;
      const { tenant, environment: current } = found.value;
      const decision = decideRecover(tenant, current, now);
      if (!decision.ok) return decision;
      const environment = decision.value;
      await saveEnvironment(manager, environment);
      await recordOperation(
        manager,
        completedOperation(
          {
            id: randomUUID(),
            tenantId: tenant.id,
            environmentId: environment.id,
            environmentName: environment.name,
            type: 'recover',
            createdBy: caller.subject,
          },
          now,
        ),
      );
      await this.outbox.add(manager, {
        definition: EnvironmentRecovered,
        tenantId: tenant.id,
        environmentName: environment.name,
        data: environmentEventData(
          tenant.partnerId,
          environment,
          await extensionsOf(manager, environment.id),
          now,
        ),
      });
      return accept(environmentResponse(environment));
    });
  }
}
