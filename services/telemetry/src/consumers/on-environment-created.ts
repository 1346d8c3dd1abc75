import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { EnvironmentCreated, type EnvironmentCreatedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordLifecycleRow } from '../application/lifecycle-rows';
import { environmentCreatedRecord } from '../domain/lifecycle-telemetry';
import { saveEnvironment } from '../persistence/environments';

/** A new environment: ingestion keys can be made for it, and its creation is a lifecycle row. */
@Controller()
export class OnEnvironmentCreated {
  @EventPattern(EnvironmentCreated.type)
  async handle(
    @Payload() envelope: EventEnvelope<EnvironmentCreatedData>,
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
      environmentCreatedRecord(data),
    );
  }
}
