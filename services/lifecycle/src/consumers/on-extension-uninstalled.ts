import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { ExtensionUninstalled, type ExtensionUninstalledData } from '@pac/contracts';
import { Outbox, type EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { applyEnvironmentSnapshot } from './environment-projection';
import { recheckCompatibility } from './pending-updates';

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
    if (environment) await recheckCompatibility(manager, this.outbox, environment, this.clock.now());
  }
}
