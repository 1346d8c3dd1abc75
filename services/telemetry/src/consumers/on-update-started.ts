import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { UpdateStarted, type UpdateStartedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordLifecycleRow } from '../application/lifecycle-rows';
import { updateStartedRecord } from '../domain/lifecycle-telemetry';

/** An update started: a lifecycle row of its environment. */
@Controller()
export class OnUpdateStarted {
  @EventPattern(UpdateStarted.type)
  async handle(
    @Payload() envelope: EventEnvelope<UpdateStartedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const { data } = envelope;
    await recordLifecycleRow(
      manager,
      {
        tenantId: data.tenantId,
        partnerId: data.partnerId,
        environmentName: data.environmentName,
        timestamp: envelope.time,
      },
      updateStartedRecord(data),
    );
  }
}
