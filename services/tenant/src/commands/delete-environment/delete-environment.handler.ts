import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { Clock } from '@pac/clock';
import { EnvironmentSoftDeleted } from '@pac/contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { accept, refuse, type Decision } from '../../domain/decision';
import { decideSoftDelete } from '../../domain/environment';
import { completedOperation } from '../../domain/operation';
import { environmentEventData } from '../../environment-snapshot';
import { environmentView, type EnvironmentView } from '../../environment-view';
import {
  extensionsOf,
  findEnvironmentByName,
  findVisibleTenant,
  saveEnvironment,
  recordOperation,
} from '../../persistence/tenant-scope';

@Injectable()
export class DeleteEnvironmentHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** Soft delete: the environment is kept, recoverable, until its purgeAt (14 days); the purge job removes it. */
  async execute(caller: Caller, tenantId: string, name: string): Promise<Decision<EnvironmentView>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager): Promise<Decision<EnvironmentView>> => {
      const tenant = await findVisibleTenant(manager, caller, tenantId, { lock: true });
      if (!tenant) return refuse('tenant-not-found', 'no such tenant');
      const row = await findEnvironmentByName(manager, tenant.id, name, { lock: true });
      if (!row) return refuse('environment-not-found', `no environment named "${name}"`);
      const decision = decideSoftDelete(tenant.toDomain(), row.toDomain(), now);
      if (!decision.ok) return decision;
      const environment = decision.value;
      await saveEnvironment(manager, environment);
      const operation = completedOperation(
        {
          id: randomUUID(),
          tenantId: tenant.id,
          environmentName: environment.name,
          type: 'soft-delete',
          createdBy: caller.subject,
          parameters: { purgeAt: environment.purgeAt },
        },
        now,
      );
      await recordOperation(manager, operation, environment.id);
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
      return accept(environmentView(environment));
    });
  }
}
