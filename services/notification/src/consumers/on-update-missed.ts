import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@pac/bootstrap';
import { UpdateMissed, type UpdateMissedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { updateMissedContent } from '../domain/notification';
import { recordUpdateNotification } from '../application/inbox';

/** The update could not start in its window: when it runs now. */
@Injectable()
export class OnUpdateMissed implements EventHandler<UpdateMissedData> {
  readonly event = UpdateMissed;

  handle(envelope: EventEnvelope<UpdateMissedData>, manager: EntityManager): Promise<void> {
    return recordUpdateNotification(manager, envelope, updateMissedContent);
  }
}
