import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { ExtensionUninstalled, type ExtensionUninstalledData } from '@pac/contracts';
import { Outbox, type EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recheckPendingUpdates } from '../application/pending-updates';
import { applyEnvironmentSnapshot } from '../persistence/environments';

/** Removing a blocking extension clears the pending updates' pre-check. */
@Controller()
export class OnExtensionUninstalled {
  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  @EventPattern(ExtensionUninstalled.type)
  async handle(
    @Payload() envelope: EventEnvelope<ExtensionUninstalledData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const environment = await applyEnvironmentSnapshot(manager, envelope.data);
    if (environment) await recheckPendingUpdates(manager, this.outbox, environment, this.clock.now());
  }
}
