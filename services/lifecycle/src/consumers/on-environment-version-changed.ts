import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { EnvironmentVersionChanged, type EnvironmentVersionChangedData } from '@pac/contracts';
import { Outbox, type EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { applyEnvironmentSnapshot } from './environment-projection';
import { endPendingUpdates } from './pending-updates';
import { succeedUpdate } from './update-run-results';

/**
 * The environment is on a new version. When one of our updates did it (the event names its updateId), that
 * update succeeded: update.succeeded. Either way, pending updates to that version or an older one are skipped.
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
    if (data.updateId)
      await succeedUpdate(manager, this.outbox, environment, data.updateId, data.previousVersion, now);
    await endPendingUpdates(manager, this.outbox, environment, 'superseded', now);
  }
}
