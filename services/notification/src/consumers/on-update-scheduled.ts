import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { UpdateScheduled, type UpdateScheduledData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { updateScheduledContent } from '../domain/notification';
import { recordUpdateNotification } from '../application/inbox';

/** A partner scheduled an update: when it runs, in the customer's time zone. */
@Controller()
export class OnUpdateScheduled {
  @EventPattern(UpdateScheduled.type)
  handle(
    @Payload() envelope: EventEnvelope<UpdateScheduledData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    return recordUpdateNotification(manager, envelope, updateScheduledContent);
  }
}
