import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { UpdateMissed, type UpdateMissedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordLifecycleRow } from '../application/lifecycle-rows';
import { updateMissedRecord } from '../domain/lifecycle-telemetry';

/** An update missed its window: a warning row. */
@Controller()
export class OnUpdateMissed {
  @EventPattern(UpdateMissed.type)
  async handle(
    @Payload() envelope: EventEnvelope<UpdateMissedData>,
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
      updateMissedRecord(data),
    );
  }
}
