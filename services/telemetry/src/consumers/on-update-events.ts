import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import type { UpdateEventData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordLifecycleRow } from '../application/lifecycle-rows';
import { UPDATE_EVENT_RECORDS } from '../domain/lifecycle-telemetry';

/** An update started, succeeded, failed or missed its window: a lifecycle row of its environment. */
@Controller()
export class OnUpdateEvents {
  @EventPattern(Object.keys(UPDATE_EVENT_RECORDS))
  async handle(
    @Payload() envelope: EventEnvelope<UpdateEventData>,
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
      UPDATE_EVENT_RECORDS[envelope.type]!(data),
    );
  }
}
