import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { UpdateAvailable, type UpdateAvailableData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordUpdateOperation } from '../application/update-operations';

/** A release reached an environment, scheduled automatically: its update is an operation, scheduled. */
@Controller()
export class OnUpdateAvailable {
  @EventPattern(UpdateAvailable.type)
  async handle(
    @Payload() envelope: EventEnvelope<UpdateAvailableData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    await recordUpdateOperation(manager, envelope.data, 'scheduled', new Date(envelope.time));
  }
}
