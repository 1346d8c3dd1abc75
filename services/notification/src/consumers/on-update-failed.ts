import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { UpdateFailed, type UpdateFailedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { updateFailedContent } from '../domain/notification';
import { recordUpdateNotification } from '../application/inbox';

/** The update failed: why, which extensions; the environment kept its version. */
@Controller()
export class OnUpdateFailed {
  @EventPattern(UpdateFailed.type)
  handle(
    @Payload() envelope: EventEnvelope<UpdateFailedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    return recordUpdateNotification(manager, envelope, updateFailedContent);
  }
}
