import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { EnvironmentVersionChanged, type EnvironmentVersionChangedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordLifecycleRow } from '../application/lifecycle-rows';
import { environmentVersionChangedRecord } from '../domain/lifecycle-telemetry';

/** A version change (an update, or any other way): a lifecycle row. */
@Controller()
export class OnEnvironmentVersionChanged {
  @EventPattern(EnvironmentVersionChanged.type)
  async handle(
    @Payload() envelope: EventEnvelope<EnvironmentVersionChangedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const { data } = envelope;
    await recordLifecycleRow(
      manager,
      {
        tenantId: data.tenantId,
        partnerId: data.partnerId,
        environmentName: data.environment.name,
        timestamp: envelope.time,
      },
      environmentVersionChangedRecord(data),
    );
  }
}
