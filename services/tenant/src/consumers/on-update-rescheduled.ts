import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { UpdateRescheduled, type UpdateRescheduledData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordUpdateOperation } from '../application/update-operations';

/** The update's operation shows its new time. */
@Controller()
export class OnUpdateRescheduled {
  @EventPattern(UpdateRescheduled.type)
  async handle(
    @Payload() envelope: EventEnvelope<UpdateRescheduledData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    await recordUpdateOperation(manager, envelope.data, 'scheduled', new Date(envelope.time));
  }
}
