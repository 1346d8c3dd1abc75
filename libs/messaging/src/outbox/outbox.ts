import type { Clock } from '@pac/clock';
import type { EventDefinition } from '@pac/contracts';
import { assertServiceName } from '@pac/persistence';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { eventSourceOf, eventSubjectOf, type EventEnvelope } from '../envelope/event-envelope';
import { validatePayload } from '../envelope/validate-payload';

export interface OutboxOptions {
  /** The service's schema, where its outbox table is. */
  schema: string;
  /** The producing service, for `ce_source` (`/services/<name>`). */
  serviceName: string;
  clock: Clock;
}

export interface NewEvent<P extends object> {
  definition: EventDefinition<P>;
  data: P;
  tenantId: string;
  environmentName?: string;
  /** Defaults to a new uuid; pass one to make a retried command produce the same event. */
  id?: string;
  /** Defaults to the clock's now. */
  time?: Date;
  traceparent?: string;
}

/**
 * Writes events to the service's outbox table inside the caller's transaction, so that an event exists
 * if and only if the state change it announces was committed. The OutboxRelay takes it to Kafka from there.
 */
export class Outbox {
  private readonly table: string;

  constructor(private readonly options: OutboxOptions) {
    assertServiceName(options.schema);
    this.table = `"${options.schema}".outbox`;
  }

  /**
   * Adds an event. Refuses a manager that is not in a transaction (the event could then outlive a rolled
   * back change) and data that breaks its contract (consumers would dead-letter it): both are bugs.
   */
  async add<P extends object>(manager: EntityManager, event: NewEvent<P>): Promise<EventEnvelope<P>> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.add must run inside the transaction of the state change (see inTransaction)');
    }
    const checked = await validatePayload(event.definition, event.data);
    if (!checked.ok) throw new Error(`refusing to publish: ${checked.error.message}`);

    const envelope: EventEnvelope<P> = {
      id: event.id ?? randomUUID(),
      type: event.definition.type,
      source: eventSourceOf(this.options.serviceName),
      time: (event.time ?? this.options.clock.now()).toISOString(),
      subject: eventSubjectOf(event.tenantId, event.environmentName),
      tenantId: event.tenantId,
      data: event.data,
      ...(event.traceparent ? { traceparent: event.traceparent } : {}),
    };
    const headers = envelope.traceparent ? { traceparent: envelope.traceparent } : {};
    await manager.query(
      `INSERT INTO ${this.table} (event_id, topic, message_key, type, source, subject, "time", headers, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb)`,
      [
        envelope.id,
        event.definition.topic,
        envelope.tenantId,
        envelope.type,
        envelope.source,
        envelope.subject,
        envelope.time,
        JSON.stringify(headers),
        JSON.stringify(envelope.data),
      ],
    );
    return envelope;
  }
}
