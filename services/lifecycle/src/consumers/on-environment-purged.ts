import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { EnvironmentPurged, type EnvironmentPurgedData } from '@pac/contracts';
import { Outbox, type EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { skipPendingUpdates } from '../application/pending-updates';
import { deleteEnvironment, findEnvironment } from '../persistence/environments';

/** Gone for good: its pending updates are canceled, then it and its updates are forgotten. */
@Controller()
export class OnEnvironmentPurged {
  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  @EventPattern(EnvironmentPurged.type)
  async handle(
    @Payload() envelope: EventEnvelope<EnvironmentPurgedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const { tenantId, environment: purged } = envelope.data;
    const environment = await findEnvironment(manager, tenantId, purged.name);
    if (!environment) return;
    await skipPendingUpdates(manager, this.outbox, environment, 'environment-purged', this.clock.now());
    await deleteEnvironment(manager, tenantId, purged.name);
  }
}
