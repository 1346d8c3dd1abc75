import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { ExtensionUninstalled } from '@pac/contracts';
import { accept, type Decision } from '@pac/domain';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { environmentEventData } from '../../application/event-payloads';
import { visibleEnvironment } from '../../application/visibility';
import { decideUninstallExtension } from '../../domain/extension';
import { deleteExtension, extensionsOf } from '../../persistence/environments';

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
  ): Promise<Decision<true, AnswerableError>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      const found = await visibleEnvironment(manager, caller, tenantId, name, { lock: true });
      if (!found.ok) return found;
      const { tenant, environment } = found.value;
      const installed = await extensionsOf(manager, environment.id);
      const decision = decideUninstallExtension(tenant, environment, installed, extensionId);
      if (!decision.ok) return decision;
      await deleteExtension(manager, decision.value.id);
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
