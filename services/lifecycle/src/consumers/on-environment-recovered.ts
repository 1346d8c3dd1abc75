import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { EnvironmentRecovered, type EnvironmentRecoveredData } from '@pac/contracts';
import { Outbox, type EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { offerRelease } from '../application/offer-release';
import { holdOrReleasePendingUpdates } from '../application/pending-updates';
import { applyEnvironmentSnapshot } from '../persistence/environments';
import { releasesAvailableBy } from '../persistence/releases';

/**
 * Recovered: its held updates are released (one due now runs as part of the recovery; one whose window
 * passed moves to the next window), and the releases that became available while it was deleted are offered.
 */
@Controller()
export class OnEnvironmentRecovered {
  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  @EventPattern(EnvironmentRecovered.type)
  async handle(
    @Payload() envelope: EventEnvelope<EnvironmentRecoveredData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const environment = await applyEnvironmentSnapshot(manager, envelope.data);
    if (!environment || environment.status === 'soft-deleted') return;
    const now = this.clock.now();
    await holdOrReleasePendingUpdates(manager, this.outbox, environment, now);
    for (const release of await releasesAvailableBy(manager, now)) {
      await offerRelease(manager, this.outbox, release, [environment], now);
    }
  }
}
