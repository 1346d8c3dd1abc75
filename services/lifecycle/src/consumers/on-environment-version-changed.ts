import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { EnvironmentVersionChanged, type EnvironmentVersionChangedData } from '@pac/contracts';
import { Outbox, type EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { applyEnvironmentSnapshot } from './environment-projection';
import { endPendingUpdates } from './pending-updates';

/**
 * The environment is on a new version (by one of our updates, or otherwise): pending updates to that version
 * or an older one are skipped. The update that did it is closed by its own result (update-run.ended).
 */
@Injectable()
export class OnEnvironmentVersionChanged implements EventHandler<EnvironmentVersionChangedData> {
  readonly event = EnvironmentVersionChanged;

  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async handle(
    envelope: EventEnvelope<EnvironmentVersionChangedData>,
    manager: EntityManager,
  ): Promise<void> {
    const environment = await applyEnvironmentSnapshot(manager, envelope.data);
    if (environment)
      await endPendingUpdates(manager, this.outbox, environment, 'superseded', this.clock.now());
  }
}
