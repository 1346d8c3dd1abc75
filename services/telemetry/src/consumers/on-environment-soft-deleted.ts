import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { EnvironmentSoftDeleted, type EnvironmentSoftDeletedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordLifecycleRow } from '../application/lifecycle-rows';
import { environmentSoftDeletedRecord } from '../domain/lifecycle-telemetry';
import { saveEnvironment } from '../persistence/environments';

/** A soft delete: no new key for it until it is recovered (its keys stay: it may come back). */
@Controller()
export class OnEnvironmentSoftDeleted {
  @EventPattern(EnvironmentSoftDeleted.type)
  async handle(
    @Payload() envelope: EventEnvelope<EnvironmentSoftDeletedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const { data } = envelope;
    await saveEnvironment(manager, data);
    await recordLifecycleRow(
      manager,
      {
        tenantId: data.tenantId,
        partnerId: data.partnerId,
        environmentName: data.environment.name,
        timestamp: envelope.time,
      },
      environmentSoftDeletedRecord(data),
    );
  }
}
