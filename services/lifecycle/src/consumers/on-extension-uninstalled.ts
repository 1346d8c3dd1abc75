import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { ExtensionUninstalled, type ExtensionUninstalledData } from '@pac/contracts';
import { Outbox, type EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recheckPendingUpdates } from '../application/pending-updates';
import { applyEnvironmentSnapshot } from '../persistence/environments';

/** Removing a blocking extension clears the pending updates' pre-check. */
@Injectable()
export class OnExtensionUninstalled implements EventHandler<ExtensionUninstalledData> {
  readonly event = ExtensionUninstalled;

  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async handle(envelope: EventEnvelope<ExtensionUninstalledData>, manager: EntityManager): Promise<void> {
    const environment = await applyEnvironmentSnapshot(manager, envelope.data);
    if (environment) await recheckPendingUpdates(manager, this.outbox, environment, this.clock.now());
  }
}
