import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { UpdateMissed, type UpdateMissedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { updateMissedContent } from '../domain/notification';
import { recordUpdateNotification } from '../application/inbox';

/** The update could not start in its window: when it runs now. */
@Controller()
export class OnUpdateMissed {
  @EventPattern(UpdateMissed.type)
  handle(
    @Payload() envelope: EventEnvelope<UpdateMissedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    return recordUpdateNotification(manager, envelope, updateMissedContent);
  }
}
