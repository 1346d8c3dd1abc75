import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { UpdateAvailable, type UpdateAvailableData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { updateAvailableContent } from '../domain/notification';
import { recordUpdateNotification } from '../application/inbox';

/** A release reached an environment: when it will run, and whether its extensions support it. */
@Controller()
export class OnUpdateAvailable {
  @EventPattern(UpdateAvailable.type)
  handle(
    @Payload() envelope: EventEnvelope<UpdateAvailableData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    return recordUpdateNotification(manager, envelope, updateAvailableContent);
  }
}
