import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { ExtensionInstalled, type ExtensionInstalledData } from '@pac/contracts';
import { Outbox, type EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recheckPendingUpdates } from '../application/pending-updates';
import { applyEnvironmentSnapshot } from '../persistence/environments';

/** A new extension may not support a pending update's version: warn now, not when the update fails. */
@Controller()
export class OnExtensionInstalled {
  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  @EventPattern(ExtensionInstalled.type)
  async handle(
    @Payload() envelope: EventEnvelope<ExtensionInstalledData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const environment = await applyEnvironmentSnapshot(manager, envelope.data);
    if (environment) await recheckPendingUpdates(manager, this.outbox, environment, this.clock.now());
  }
}
