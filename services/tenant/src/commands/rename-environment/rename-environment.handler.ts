import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { Clock } from '@pac/clock';
import { EnvironmentRenamed } from '@pac/contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { accept, refuse, type Decision } from '../../domain/decision';
import { decideRename } from '../../domain/environment';
import { completedOperation } from '../../domain/operation';
import { environmentEventData } from '../../environment-snapshot';
import { environmentView, type EnvironmentView } from '../../environment-view';
import {
  environmentsOf,
  extensionsOf,
  findEnvironmentByName,
  findVisibleTenant,
  saveEnvironment,
  recordOperation,
} from '../../persistence/tenant-scope';

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
  ): Promise<Decision<EnvironmentView>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager): Promise<Decision<EnvironmentView>> => {
      const tenant = await findVisibleTenant(manager, caller, tenantId, { lock: true });
      if (!tenant) return refuse('tenant-not-found', 'no such tenant');
      const row = await findEnvironmentByName(manager, tenant.id, name, { lock: true });
      if (!row) return refuse('environment-not-found', `no environment named "${name}"`);
      const previousName = row.name;
      const decision = decideRename(
        tenant.toDomain(),
        row.toDomain(),
        newName,
        await environmentsOf(manager, tenant.id),
        now,
      );
      if (!decision.ok) return decision;
      const environment = decision.value;
      await saveEnvironment(manager, environment);
      const operation = completedOperation(
        {
          id: randomUUID(),
          tenantId: tenant.id,
          environmentName: environment.name,
          type: 'rename',
          createdBy: caller.subject,
          parameters: { previousName, newName: environment.name },
        },
        now,
      );
      await recordOperation(manager, operation, environment.id);
      await this.outbox.add(manager, {
        definition: EnvironmentRenamed,
        tenantId: tenant.id,
        environmentName: environment.name,
        data: {
          ...environmentEventData(
            tenant.partnerId,
            environment,
            await extensionsOf(manager, environment.id),
            now,
          ),
          previousName,
        },
      });
      return accept(environmentView(environment));
    });
  }
}
