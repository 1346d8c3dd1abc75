import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@pac/bootstrap';
import { UpdateAvailable, type UpdateAvailableData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { updateAvailableContent } from '../domain/notification';
import { recordUpdateNotification } from '../application/inbox';

/** A release reached an environment: when it will run, and whether its extensions support it. */
@Injectable()
export class OnUpdateAvailable implements EventHandler<UpdateAvailableData> {
  readonly event = UpdateAvailable;

  handle(envelope: EventEnvelope<UpdateAvailableData>, manager: EntityManager): Promise<void> {
    return recordUpdateNotification(manager, envelope, updateAvailableContent);
  }
}
