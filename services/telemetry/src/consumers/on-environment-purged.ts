import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { EnvironmentPurged, type EnvironmentPurgedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordLifecycleRow } from '../application/lifecycle-rows';
import { environmentPurgedRecord } from '../domain/lifecycle-telemetry';
import { removeEnvironment } from '../persistence/environments';

/** A purge: the environment is gone, its keys are revoked; its rows stay until retention drops them. */
@Controller()
export class OnEnvironmentPurged {
  @EventPattern(EnvironmentPurged.type)
  async handle(
    @Payload() envelope: EventEnvelope<EnvironmentPurgedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const { data } = envelope;
    await removeEnvironment(manager, data.tenantId, data.environment.name, new Date(envelope.time));
    await recordLifecycleRow(
      manager,
      {
        tenantId: data.tenantId,
        partnerId: data.partnerId,
        environmentName: data.environment.name,
        timestamp: envelope.time,
      },
      environmentPurgedRecord(data),
    );
  }
}
