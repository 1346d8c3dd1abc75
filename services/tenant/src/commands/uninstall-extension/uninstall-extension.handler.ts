import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { Clock } from '@pac/clock';
import { ExtensionUninstalled } from '@pac/contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { accept, refuse, type Decision } from '../../domain/decision';
import { decideUninstallExtension } from '../../domain/extension';
import { environmentEventData } from '../../environment-snapshot';
import { ExtensionEntity } from '../../persistence/extension.entity';
import { extensionsOf, findEnvironmentByName, findVisibleTenant } from '../../persistence/tenant-scope';

@Injectable()
export class UninstallExtensionHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** Removes an extension; extension.uninstalled carries the environment with the extensions left. */
  async execute(
    caller: Caller,
    tenantId: string,
    name: string,
    extensionId: string,
  ): Promise<Decision<true>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager): Promise<Decision<true>> => {
      const tenant = await findVisibleTenant(manager, caller, tenantId, { lock: true });
      if (!tenant) return refuse('tenant-not-found', 'no such tenant');
      const row = await findEnvironmentByName(manager, tenant.id, name, { lock: true });
      if (!row) return refuse('environment-not-found', `no environment named "${name}"`);
      const environment = row.toDomain();
      const installed = await extensionsOf(manager, environment.id);
      const decision = decideUninstallExtension(tenant.toDomain(), environment, installed, extensionId);
      if (!decision.ok) return decision;
      await manager.getRepository(ExtensionEntity).delete({ id: decision.value.id });
      await this.outbox.add(manager, {
        definition: ExtensionUninstalled,
        tenantId: tenant.id,
        environmentName: environment.name,
        data: {
          ...environmentEventData(
            tenant.partnerId,
            environment,
            installed.filter((e) => e.id !== extensionId),
            now,
          ),
          extensionId,
        },
      });
      return accept(true);
    });
  }
}
