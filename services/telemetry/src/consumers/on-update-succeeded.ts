import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { UpdateSucceeded, type UpdateSucceededData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordLifecycleRow } from '../application/lifecycle-rows';
import { updateSucceededRecord } from '../domain/lifecycle-telemetry';

/** An update succeeded: a lifecycle row of its environment. */
@Controller()
export class OnUpdateSucceeded {
  @EventPattern(UpdateSucceeded.type)
  async handle(
    @Payload() envelope: EventEnvelope<UpdateSucceededData>,
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
      updateSucceededRecord(data),
    );
  }
}
