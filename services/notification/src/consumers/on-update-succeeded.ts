import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@pac/bootstrap';
import { UpdateSucceeded, type UpdateSucceededData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { updateSucceededContent } from '../domain/notification';
import { recordUpdateNotification } from '../application/inbox';

/** The environment is on its new version. */
@Injectable()
export class OnUpdateSucceeded implements EventHandler<UpdateSucceededData> {
  readonly event = UpdateSucceeded;

  handle(envelope: EventEnvelope<UpdateSucceededData>, manager: EntityManager): Promise<void> {
    return recordUpdateNotification(manager, envelope, updateSucceededContent);
  }
}
