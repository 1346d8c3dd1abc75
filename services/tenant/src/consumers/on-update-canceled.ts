import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { UpdateCanceled, type UpdateCanceledData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { recordUpdateOperation } from '../application/update-operations';

/** The run will not happen: canceled by a partner (or the environment purged), or skipped when superseded. */
@Controller()
export class OnUpdateCanceled {
  @EventPattern(UpdateCanceled.type)
  async handle(
    @Payload() envelope: EventEnvelope<UpdateCanceledData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    const update = envelope.data;
    const status = update.reason === 'superseded' ? 'skipped' : 'canceled';
    await recordUpdateOperation(manager, update, status, new Date(envelope.time));
  }
}
