import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { Clock } from '@pac/clock';
import { ExtensionInstalled } from '@pac/contracts';
import type { InstallExtensionRequest } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { accept, refuse, type Decision } from '../../domain/decision';
import { decideInstallExtension } from '../../domain/extension';
import { environmentEventData } from '../../environment-snapshot';
import { extensionView, type ExtensionView } from '../../environment-view';
import { ExtensionEntity } from '../../persistence/extension.entity';
import { extensionsOf, findEnvironmentByName, findVisibleTenant } from '../../persistence/tenant-scope';

@Injectable()
export class InstallExtensionHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** Installs an extension; extension.installed carries the environment with its whole extension list. */
  async execute(
    caller: Caller,
    tenantId: string,
    name: string,
    request: InstallExtensionRequest,
  ): Promise<Decision<ExtensionView>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager): Promise<Decision<ExtensionView>> => {
      const tenant = await findVisibleTenant(manager, caller, tenantId, { lock: true });
      if (!tenant) return refuse('tenant-not-found', 'no such tenant');
      const row = await findEnvironmentByName(manager, tenant.id, name, { lock: true });
      if (!row) return refuse('environment-not-found', `no environment named "${name}"`);
      const environment = row.toDomain();
      const installed = await extensionsOf(manager, environment.id);
      const decision = decideInstallExtension(
        tenant.toDomain(),
        environment,
        installed,
        { extensionId: randomUUID(), ...request },
        now,
      );
      if (!decision.ok) return decision;
      const extension = decision.value;
      await manager.getRepository(ExtensionEntity).insert(ExtensionEntity.fromDomain(extension));
      await this.outbox.add(manager, {
        definition: ExtensionInstalled,
        tenantId: tenant.id,
        environmentName: environment.name,
        data: {
          ...environmentEventData(tenant.partnerId, environment, [...installed, extension], now),
          extensionId: extension.id,
        },
      });
      return accept(extensionView(environment.name, extension));
    });
  }
}
