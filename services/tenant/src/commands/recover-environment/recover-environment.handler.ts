import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { Clock } from '@pac/clock';
import { EnvironmentRecovered } from '@pac/contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { accept, refuse, type Decision } from '../../domain/decision';
import { decideRecover } from '../../domain/environment';
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
export class RecoverEnvironmentHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** Brings a soft-deleted environment back, as it was, if the purge has not removed it yet (then 404). */
  async execute(caller: Caller, tenantId: string, name: string): Promise<Decision<EnvironmentView>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager): Promise<Decision<EnvironmentView>> => {
      const tenant = await findVisibleTenant(manager, caller, tenantId, { lock: true });
      if (!tenant) return refuse('tenant-not-found', 'no such tenant');
      const row = await findEnvironmentByName(manager, tenant.id, name, { lock: true });
      if (!row) return refuse('environment-not-found', `no environment named "${name}"`);
      const decision = decideRecover(tenant.toDomain(), row.toDomain(), now);
      if (!decision.ok) return decision;
      const environment = decision.value;
      await saveEnvironment(manager, environment);
      const operation = completedOperation(
        {
          id: randomUUID(),
          tenantId: tenant.id,
          environmentName: environment.name,
          type: 'recover',
          createdBy: caller.subject,
        },
        now,
      );
      await recordOperation(manager, operation, environment.id);
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
      return accept(environmentView(environment));
    });
  }
}
