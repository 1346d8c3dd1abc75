import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { EnvironmentRenamed, type EnvironmentRenamedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordLifecycleRow } from '../application/lifecycle-rows';
import { environmentRenamedRecord } from '../domain/lifecycle-telemetry';
import { renameEnvironment, saveEnvironment } from '../persistence/environments';

/** A rename: its keys write under the new name (the gateway's cached keys within TELEMETRY_KEY_CACHE_TTL_MS). */
@Controller()
export class OnEnvironmentRenamed {
  @EventPattern(EnvironmentRenamed.type)
  async handle(
    @Payload() envelope: EventEnvelope<EnvironmentRenamedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const { data } = envelope;
    await renameEnvironment(manager, data.tenantId, data.previousName, data.environment.name);
    await saveEnvironment(manager, data);
    await recordLifecycleRow(
      manager,
      {
        tenantId: data.tenantId,
        partnerId: data.partnerId,
        environmentName: data.environment.name,
        timestamp: envelope.time,
      },
      environmentRenamedRecord(data),
    );
  }
}
