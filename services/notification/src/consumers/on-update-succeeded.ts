import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { UpdateSucceeded, type UpdateSucceededData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { updateSucceededContent } from '../domain/notification';
import { recordUpdateNotification } from '../application/inbox';

/** The environment is on its new version. */
@Controller()
export class OnUpdateSucceeded {
  @EventPattern(UpdateSucceeded.type)
  handle(
    @Payload() envelope: EventEnvelope<UpdateSucceededData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    return recordUpdateNotification(manager, envelope, updateSucceededContent);
  }
}
