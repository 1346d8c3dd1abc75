import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { UpdateScheduled, type UpdateScheduledData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordUpdateOperation } from '../application/update-operations';

/** A partner scheduled an update: a new run (after a failure or a cancel) is a new operation. */
@Controller()
export class OnUpdateScheduled {
  @EventPattern(UpdateScheduled.type)
  async handle(
    @Payload() envelope: EventEnvelope<UpdateScheduledData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const update = envelope.data;
    await recordUpdateOperation(manager, update, 'scheduled', new Date(envelope.time), {
      createdBy: update.scheduledBy,
    });
  }
}
