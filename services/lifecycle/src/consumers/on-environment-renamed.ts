import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { EnvironmentRenamed, type EnvironmentRenamedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { applyEnvironmentSnapshot, renameEnvironment } from '../persistence/environments';

/** The environment keeps its window and its updates under the new name (the key cascades to its updates). */
@Controller()
export class OnEnvironmentRenamed {
  @EventPattern(EnvironmentRenamed.type)
  async handle(
    @Payload() envelope: EventEnvelope<EnvironmentRenamedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const { data } = envelope;
    await renameEnvironment(manager, data.tenantId, data.previousName, data.environment.name);
    await applyEnvironmentSnapshot(manager, data);
  }
}
