import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@pac/bootstrap';
import { EnvironmentSoftDeleted, type EnvironmentSoftDeletedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { applyEnvironmentSnapshot } from '../persistence/environments';

/**
 * A soft-deleted environment keeps its updates (it may be recovered); new releases skip it, and a run due
 * meanwhile is refused by the tenant service (busy), so it is retried or missed like any busy environment.
 */
@Injectable()
export class OnEnvironmentSoftDeleted implements EventHandler<EnvironmentSoftDeletedData> {
  readonly event = EnvironmentSoftDeleted;

  async handle(envelope: EventEnvelope<EnvironmentSoftDeletedData>, manager: EntityManager): Promise<void> {
    await applyEnvironmentSnapshot(manager, envelope.data);
  }
}
