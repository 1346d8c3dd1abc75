import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { UpdateCompatibilityWarning, type UpdateCompatibilityWarningData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { compatibilityWarningContent } from '../domain/notification';
import { recordUpdateNotification } from '../application/inbox';

/** Extensions do not support a pending update: named, before the update fails. */
@Controller()
export class OnUpdateCompatibilityWarning {
  @EventPattern(UpdateCompatibilityWarning.type)
  handle(
    @Payload() envelope: EventEnvelope<UpdateCompatibilityWarningData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    return recordUpdateNotification(manager, envelope, compatibilityWarningContent);
  }
}
