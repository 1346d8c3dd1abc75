import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { EnvironmentRenamed, type EnvironmentRenamedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { applyEnvironmentSnapshot } from './environment-projection';

/** The environment keeps its window and its updates under the new name (the key cascades to its updates). */
@Controller()
export class OnEnvironmentRenamed {
  @EventPattern(EnvironmentRenamed.type)
  async handle(
    @Payload() envelope: EventEnvelope<EnvironmentRenamedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const { data } = envelope;
    await manager.query(
      `UPDATE environments SET name = $3 WHERE tenant_id = $1 AND name = $2
          AND NOT EXISTS (SELECT 1 FROM environments taken WHERE taken.tenant_id = $1 AND taken.name = $3)`,
      [data.tenantId, data.previousName, data.environment.name],
    );
    await applyEnvironmentSnapshot(manager, data);
  }
}
