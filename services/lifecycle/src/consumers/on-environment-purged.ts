import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { EnvironmentPurged, type EnvironmentPurgedData } from '@pac/contracts';
import { Outbox, type EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { skipPendingUpdates } from '../application/pending-updates';
import { deleteEnvironment, findEnvironment } from '../persistence/environments';

/** Gone for good: its pending updates are canceled, then it and its updates are forgotten. */
@Injectable()
export class OnEnvironmentPurged implements EventHandler<EnvironmentPurgedData> {
  readonly event = EnvironmentPurged;

  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async handle(envelope: EventEnvelope<EnvironmentPurgedData>, manager: EntityManager): Promise<void> {
    const { tenantId, environment: purged } = envelope.data;
    const environment = await findEnvironment(manager, tenantId, purged.name);
    if (!environment) return;
    await skipPendingUpdates(manager, this.outbox, environment, 'environment-purged', this.clock.now());
    await deleteEnvironment(manager, tenantId, purged.name);
  }
}
