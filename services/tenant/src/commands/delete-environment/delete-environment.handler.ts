import { randomUUID } from 'node:crypto';
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
import { environmentEventData } from '../../application/event-payloads';
import { environmentResponse } from '../../application/responses';
import { findVisibleEnvironment } from '../../application/visible-environment';
import { decideSoftDelete } from '../../domain/environment';
import { completedOperation } from '../../domain/operation';
import { extensionsOf, saveEnvironment } from '../../persistence/environments';
import { recordOperation } from '../../persistence/operations';

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
      const found = await findVisibleEnvironment(manager, caller, tenantId, name, { lock: true });
      if (!found.ok) return found;
      const { tenant, environment: current } = found.value;
      const decision = decideSoftDelete(tenant, current, now);
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
            type: 'soft-delete',
            createdBy: caller.subject,
            parameters: { purgeAt: environment.purgeAt },
          },
          now,
        ),
      );
      await this.outbox.add(manager, {
        definition: EnvironmentSoftDeleted,
        tenantId: tenant.id,
        environmentName: environment.name,
        data: {
          ...environmentEventData(
            tenant.partnerId,
            environment,
            await extensionsOf(manager, environment.id),
            now,
          ),
          purgeAt: environment.purgeAt ?? '',
        },
      });
      return accept(environmentResponse(environment));
    });
  }
}
