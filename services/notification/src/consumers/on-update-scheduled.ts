import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@pac/bootstrap';
import { UpdateScheduled, type UpdateScheduledData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { updateScheduledContent } from '../domain/notification';
import { recordUpdateNotification } from '../application/inbox';

/** A partner scheduled an update: when it runs, in the customer's time zone. */
@Injectable()
export class OnUpdateScheduled implements EventHandler<UpdateScheduledData> {
  readonly event = UpdateScheduled;

  handle(envelope: EventEnvelope<UpdateScheduledData>, manager: EntityManager): Promise<void> {
    return recordUpdateNotification(manager, envelope, updateScheduledContent);
  }
}
