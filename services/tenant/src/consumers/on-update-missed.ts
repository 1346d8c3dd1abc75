import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@pac/bootstrap';
import { UpdateMissed, type UpdateMissedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordUpdateOperation } from '../application/update-operations';

/** A missed update moved to the next window: its operation is still scheduled, for the new time. */
@Injectable()
export class OnUpdateMissed implements EventHandler<UpdateMissedData> {
  readonly event = UpdateMissed;

  async handle(envelope: EventEnvelope<UpdateMissedData>, manager: EntityManager): Promise<void> {
    await recordUpdateOperation(manager, envelope.data, 'scheduled', new Date(envelope.time));
  }
}
