import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { EnvironmentCreated, type EnvironmentCreatedData } from '@pac/contracts';
import { Outbox, type EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { offerRelease } from '../application/offer-release';
import { defaultUpdateWindow } from '../domain/update-window';
import { applyEnvironmentSnapshot } from '../persistence/environments';
import { holdReleaseOfferBarrier } from '../persistence/release-offer-barrier';
import { releasesAvailableBy } from '../persistence/releases';
import { findPolicy } from '../persistence/update-window-policies';

/**
 * A new environment: it gets its tenant's update window policy (recorded from tenant.created; the country's
 * default if none), and every release already available that is meant for it.
 */
@Controller()
export class OnEnvironmentCreated {
  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  @EventPattern(EnvironmentCreated.type)
  async handle(
    @Payload() envelope: EventEnvelope<EnvironmentCreatedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const { data } = envelope;
    // Before anything is read: a release being distributed now waits for this environment to commit.
    await holdReleaseOfferBarrier(manager);
    const policy = await findPolicy(manager, data.tenantId);
    const window = policy?.window ?? defaultUpdateWindow(data.environment.countryCode);
    const environment = await applyEnvironmentSnapshot(manager, data, window);
    if (!environment || environment.status === 'soft-deleted') return;
    const now = this.clock.now();
    for (const release of await releasesAvailableBy(manager, now)) {
      await offerRelease(manager, this.outbox, release, [environment], now);
    }
  }
}
