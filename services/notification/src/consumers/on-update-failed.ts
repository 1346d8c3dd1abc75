import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@pac/bootstrap';
import { UpdateFailed, type UpdateFailedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { updateFailedContent } from '../domain/notification';
import { recordUpdateNotification } from '../application/inbox';

/** The update failed: why, which extensions; the environment kept its version. */
@Injectable()
export class OnUpdateFailed implements EventHandler<UpdateFailedData> {
  readonly event = UpdateFailed;

  handle(envelope: EventEnvelope<UpdateFailedData>, manager: EntityManager): Promise<void> {
    return recordUpdateNotification(manager, envelope, updateFailedContent);
  }
}
