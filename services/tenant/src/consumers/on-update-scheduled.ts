import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@pac/bootstrap';
import { UpdateScheduled, type UpdateScheduledData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordUpdateOperation } from '../application/update-operations';

/** A partner scheduled an update: a new run (after a failure or a cancel) is a new operation. */
@Injectable()
export class OnUpdateScheduled implements EventHandler<UpdateScheduledData> {
  readonly event = UpdateScheduled;

  async handle(envelope: EventEnvelope<UpdateScheduledData>, manager: EntityManager): Promise<void> {
    const update = envelope.data;
    await recordUpdateOperation(manager, update, 'scheduled', new Date(envelope.time), {
      createdBy: update.scheduledBy,
    });
  }
}
