import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { EnvironmentVersionChanged, type EnvironmentVersionChangedData } from '@pac/contracts';
import { Outbox, type EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { skipPendingUpdates } from '../application/pending-updates';
import { saveAndAnnounce } from '../application/update-events';
import { succeedRun } from '../domain/update';
import { applyEnvironmentSnapshot } from '../persistence/environments';
import { lockedUpdate } from '../persistence/updates';

/**
 * The environment is on a new version. When one of our updates did it (the event names its updateId), that
 * update's running run succeeded: update.succeeded. Either way, pending updates to that version or an older one
 * are skipped.
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
  }
}
