import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { EnvironmentSoftDeleted, type EnvironmentSoftDeletedData } from '@pac/contracts';
import { Outbox, type EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { holdOrReleasePendingUpdates } from '../application/pending-updates';
import { applyEnvironmentSnapshot } from '../persistence/environments';

/**
 * A soft-deleted environment keeps its updates (it may be recovered), held: the scheduler neither starts them
 * nor finds them missed while it is deleted, and new releases skip it.
 */
@Controller()
export class OnEnvironmentSoftDeleted {
  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  @EventPattern(EnvironmentSoftDeleted.type)
  async handle(
    @Payload() envelope: EventEnvelope<EnvironmentSoftDeletedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const environment = await applyEnvironmentSnapshot(manager, envelope.data);
    if (environment) await holdOrReleasePendingUpdates(manager, this.outbox, environment, this.clock.now());
  }
}
