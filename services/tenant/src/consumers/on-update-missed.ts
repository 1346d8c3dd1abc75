import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { UpdateMissed, type UpdateMissedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordUpdateOperation } from '../application/update-operations';

/** A missed update moved to the next window: its operation is still scheduled, for the new time. */
@Controller()
export class OnUpdateMissed {
  @EventPattern(UpdateMissed.type)
  async handle(
    @Payload() envelope: EventEnvelope<UpdateMissedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    await recordUpdateOperation(manager, envelope.data, 'scheduled', new Date(envelope.time));
  }
}
