import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@pac/bootstrap';
import { EnvironmentRenamed, type EnvironmentRenamedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { applyEnvironmentSnapshot, renameEnvironment } from '../persistence/environments';

/** The environment keeps its window and its updates under the new name (the key cascades to its updates). */
@Injectable()
export class OnEnvironmentRenamed implements EventHandler<EnvironmentRenamedData> {
  readonly event = EnvironmentRenamed;

  async handle(envelope: EventEnvelope<EnvironmentRenamedData>, manager: EntityManager): Promise<void> {
    const { data } = envelope;
    await renameEnvironment(manager, data.tenantId, data.previousName, data.environment.name);
    await applyEnvironmentSnapshot(manager, data);
  }
}
