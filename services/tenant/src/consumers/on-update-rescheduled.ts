import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@pac/bootstrap';
import { UpdateRescheduled, type UpdateRescheduledData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordUpdateOperation } from '../application/update-operations';

/** The update's operation shows its new time. */
@Injectable()
export class OnUpdateRescheduled implements EventHandler<UpdateRescheduledData> {
  readonly event = UpdateRescheduled;

  async handle(envelope: EventEnvelope<UpdateRescheduledData>, manager: EntityManager): Promise<void> {
    await recordUpdateOperation(manager, envelope.data, 'scheduled', new Date(envelope.time));
  }
}
