import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { EnvironmentSoftDeleted, type EnvironmentSoftDeletedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { applyEnvironmentSnapshot } from '../persistence/environments';

/**
 * A soft-deleted environment keeps its updates (it may be recovered); new releases skip it, and a run due
 * meanwhile is refused by the tenant service (busy), so it is retried or missed like any busy environment.
 */
@Controller()
export class OnEnvironmentSoftDeleted {
  @EventPattern(EnvironmentSoftDeleted.type)
  async handle(
    @Payload() envelope: EventEnvelope<EnvironmentSoftDeletedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    await applyEnvironmentSnapshot(manager, envelope.data);
  }
}
