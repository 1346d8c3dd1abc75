import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { Outbox, type EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { notify } from '../application/inbox';
import { catalogRow, EVENT_ROWS } from '../domain/notification-catalog';

/**
 * Every event of the catalog's table (domain/notification-catalog.ts) becomes a notification of the partner's
 * inbox, with its e-mails and webhook deliveries, in the inbox transaction: once per event, whatever Kafka
 * delivers twice. A new row of the table is consumed here without a change.
 */
@Controller()
export class OnNotifyingEvent {
  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  @EventPattern(EVENT_ROWS.map((row) => row.type))
  async handle(
    @Payload() envelope: EventEnvelope<object>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    await notify(manager, this.outbox, catalogRow(envelope.type)!, envelope, this.clock.now());
  }
}
