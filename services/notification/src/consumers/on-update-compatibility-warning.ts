import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@pac/bootstrap';
import { UpdateCompatibilityWarning, type UpdateCompatibilityWarningData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { compatibilityWarningContent } from '../domain/notification';
import { recordUpdateNotification } from '../application/inbox';

/** Extensions do not support a pending update: named, before the update fails. */
@Injectable()
export class OnUpdateCompatibilityWarning implements EventHandler<UpdateCompatibilityWarningData> {
  readonly event = UpdateCompatibilityWarning;

  handle(envelope: EventEnvelope<UpdateCompatibilityWarningData>, manager: EntityManager): Promise<void> {
    return recordUpdateNotification(manager, envelope, compatibilityWarningContent);
  }
}
