import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { EnvironmentPurged, type EnvironmentPurgedData } from '@pac/contracts';
import { Outbox, type EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { EnvironmentViewEntity } from '../persistence/environment-view.entity';
import { endPendingUpdates } from './pending-updates';

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
    const key = { tenantId: envelope.data.tenantId, name: envelope.data.environment.name };
    const environment = await manager.getRepository(EnvironmentViewEntity).findOneBy(key);
    if (!environment) return;
    await endPendingUpdates(manager, this.outbox, environment, 'environment-purged', this.clock.now());
    await manager.getRepository(EnvironmentViewEntity).delete(key);
  }
}
