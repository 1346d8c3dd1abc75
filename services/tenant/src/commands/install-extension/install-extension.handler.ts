import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { ExtensionInstalled } from '@pac/contracts';
import { accept, type Decision } from '@pac/domain';
import type { ExtensionResponse, InstallExtensionRequest } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { environmentEventData } from '../../application/event-payloads';
import { extensionResponse } from '../../application/responses';
import { visibleEnvironment } from '../../application/visibility';
import { decideInstallExtension } from '../../domain/extension';
import { extensionsOf, insertExtension } from '../../persistence/environments';

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
  ): Promise<Decision<ExtensionResponse, AnswerableError>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      const found = await visibleEnvironment(manager, caller, tenantId, name, { lock: true });
      if (!found.ok) return found;
      const { tenant, environment } = found.value;
      const installed = await extensionsOf(manager, environment.id);
      const decision = decideInstallExtension(
        tenant,
        environment,
        installed,
        { extensionId: randomUUID(), ...request },
        now,
      );
      if (!decision.ok) return decision;
      const extension = decision.value;
      await insertExtension(manager, extension);
      await this.outbox.add(manager, {
        definition: ExtensionInstalled,
        tenantId: tenant.id,
        environmentName: environment.name,
        data: {
          ...environmentEventData(tenant.partnerId, environment, [...installed, extension], now),
          extensionId: extension.id,
        },
      });
      return accept(extensionResponse(environment.name, extension));
    });
  }
}
