import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@pac/bootstrap';
import { UpdateAvailable, type UpdateAvailableData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordUpdateOperation } from '../application/update-operations';

/** A release reached an environment, scheduled automatically: its update is an operation, scheduled. */
@Injectable()
export class OnUpdateAvailable implements EventHandler<UpdateAvailableData> {
  readonly event = UpdateAvailable;

  async handle(envelope: EventEnvelope<UpdateAvailableData>, manager: EntityManager): Promise<void> {
    await recordUpdateOperation(manager, envelope.data, 'scheduled', new Date(envelope.time));
  }
}
