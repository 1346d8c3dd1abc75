import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { UpdateFailed, type UpdateFailedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordLifecycleRow } from '../application/lifecycle-rows';
import { updateFailedRecord } from '../domain/lifecycle-telemetry';

/** An update failed (extensions block it): an error row naming them. */
@Controller()
export class OnUpdateFailed {
  @EventPattern(UpdateFailed.type)
  async handle(
    @Payload() envelope: EventEnvelope<UpdateFailedData>,
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
      updateFailedRecord(data),
    );
  }
}
