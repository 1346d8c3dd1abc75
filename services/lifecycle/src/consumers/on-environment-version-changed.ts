import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { EnvironmentVersionChanged, type EnvironmentVersionChangedData } from '@pac/contracts';
import { Outbox, type EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { offerRelease } from '../application/offer-release';
import { skipPendingUpdates } from '../application/pending-updates';
import { saveAndAnnounce } from '../application/update-events';
import { succeedRun } from '../domain/update';
import { majorOf } from '../domain/update-schedule';
import { applyEnvironmentSnapshot } from '../persistence/environments';
import { releasesOfMajorAvailableBy } from '../persistence/releases';
import { lockedUpdate } from '../persistence/updates';

/**
 * The environment is on a new version. When one of our updates did it (the event names its updateId), that
 * update's running run succeeded: update.succeeded. Either way, pending updates to that version or an older one
 * are skipped, and on a new major version the releases of the next major are offered (eligibility).
 */
@Controller()
export class OnEnvironmentVersionChanged {
  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  @EventPattern(EnvironmentVersionChanged.type)
  async handle(
    @Payload() envelope: EventEnvelope<EnvironmentVersionChangedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const { data } = envelope;
    const environment = await applyEnvironmentSnapshot(manager, data);
    if (!environment) return;
    const now = this.clock.now();
    const update = data.updateId ? await lockedUpdate(manager, { id: data.updateId }) : null;
    const succeeded = update ? succeedRun(update, data.previousVersion, now) : undefined;
    if (succeeded) await saveAndAnnounce(manager, this.outbox, [succeeded], () => environment, now);
    await skipPendingUpdates(manager, this.outbox, environment, 'superseded', now);
    // A new major version: the releases of the major after it are for this environment now.
    if (majorOf(environment.applicationVersion) > majorOf(data.previousVersion)) {
      const next = majorOf(environment.applicationVersion) + 1;
      for (const release of await releasesOfMajorAvailableBy(manager, next, now)) {
        await offerRelease(manager, this.outbox, release, [environment], now);
      }
    }
  }
}
