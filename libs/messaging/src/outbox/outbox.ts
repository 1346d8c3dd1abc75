import type { Clock } from '@pac/clock';
import type { EventDefinition } from '@pac/contracts';
import { assertServiceName } from '@pac/persistence';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  eventSourceOf,
  eventSubjectOf,
  isSubjectOfKey,
  type EventEnvelope,
} from '../envelope/event-envelope';
import { currentTraceparent } from '../tracing/trace-context';
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
  /** The tenant the event is about: its message key, and its subject `tenants/<id>[/environments/<name>]`. */
  tenantId?: string;
  environmentName?: string;
  /**
   * For an event about no tenant (e.g. `release.published`), instead of tenantId: the message key and the
   * subject, `<collection>/<key>` (e.g. key `26.1`, subject `releases/26.1`).
   */
  key?: string;
  subject?: string;
  /** Defaults to a new uuid; pass one to make a retried command produce the same event. */
  id?: string;
  /** Defaults to the clock's now. */
  time?: Date;
  traceparent?: string;
}

export interface AddManyOptions {
  /**
   * Validate every event against its contract (default), or only the first of each definition: for large
   * set-based writes whose events are all built by one function, where validating each would dominate.
   */
  validate?: 'each' | 'first';
}

/** Rows per INSERT statement of addMany. */
const ROWS_PER_INSERT = 2000;

/**
 * Rows held back in a transaction whose writes are deferred, by its query runner, in the order added. Each row
 * is its JSON text, made when it was added: what a handler does to its objects afterwards does not change it.
 */
const deferredRows = new WeakMap<object, { outbox: Outbox; rows: string[] }[]>();

/**
 * From now until `flushOutboxWrites`, the events added through `manager` (by any Outbox) are kept in memory
 * and written together by the flush, in the order they were added: one statement for many handlers' events.
 * For a caller that owns the transaction and flushes before it commits (the consumer, for a group of events);
 * nothing in the transaction may read the outbox table meanwhile.
 */
export function deferOutboxWrites(manager: EntityManager): void {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('outbox writes are deferred inside a transaction only');
  deferredRows.set(runner, []);
}

/** Writes the events held back since `deferOutboxWrites` and stops deferring. */
export async function flushOutboxWrites(manager: EntityManager): Promise<void> {
  const runner = manager.queryRunner;
  const pending = runner ? deferredRows.get(runner) : undefined;
  if (!runner || !pending) return;
  deferredRows.delete(runner);
  // Consecutive rows of one outbox (one table) go in together.
  for (let i = 0; i < pending.length;) {
    const { outbox } = pending[i]!;
    const rows: string[] = [];
    for (; i < pending.length && pending[i]!.outbox === outbox; i++) rows.push(...pending[i]!.rows);
    await outbox.insertRows(manager, rows);
  }
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
    const [envelope] = await this.addMany(manager, [event]);
    return envelope!;
  }

  /**
   * Adds many events in one round trip per few thousand rows, in the caller's transaction and in the given
   * order (the relay publishes in that order). Same refusals as add.
   */
  async addMany<P extends object>(
    manager: EntityManager,
    events: readonly NewEvent<P>[],
    options: AddManyOptions = {},
  ): Promise<EventEnvelope<P>[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.add must run inside the transaction of the state change (see inTransaction)');
    }
    const validated = new Set<EventDefinition>();
    for (const event of events) {
      if (options.validate === 'first' && validated.has(event.definition as EventDefinition)) continue;
      const checked = await validatePayload(event.definition, event.data);
      if (!checked.ok) throw new Error(`refusing to publish: ${checked.error.message}`);
      validated.add(event.definition as EventDefinition);
    }
    const envelopes = events.map((event) => this.envelopeOf(event));
    const rows = envelopes.map((envelope, i) =>
      JSON.stringify({
        event_id: envelope.id,
        topic: events[i]!.definition.topic,
        message_key: envelope.tenantId,
        type: envelope.type,
        source: envelope.source,
        subject: envelope.subject,
        time: envelope.time,
        headers: envelope.traceparent ? { traceparent: envelope.traceparent } : {},
        payload: envelope.data,
      }),
    );
    const deferred = manager.queryRunner && deferredRows.get(manager.queryRunner);
    if (deferred) deferred.push({ outbox: this, rows });
    else await this.insertRows(manager, rows);
    return envelopes;
  }

  /** @internal The rows (JSON texts), in order, in one statement per few thousand. */
  async insertRows(manager: EntityManager, rows: readonly string[]): Promise<void> {
    for (let from = 0; from < rows.length; from += ROWS_PER_INSERT) {
      // One JSON document per statement (parsed once, as jsonb): far cheaper than nine array literals.
      await manager.query(
        `INSERT INTO ${this.table} (event_id, topic, message_key, type, source, subject, "time", headers, payload)
         SELECT event_id, topic, message_key, type, source, subject, "time", headers, payload
           FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (event_id uuid, topic text, message_key text,
                  type text, source text, subject text, "time" timestamptz, headers jsonb, payload jsonb))
                WITH ORDINALITY AS r (event_id, topic, message_key, type, source, subject, "time", headers,
                  payload, n)
          ORDER BY n`,
        [`[${rows.slice(from, from + ROWS_PER_INSERT).join(',')}]`],
      );
    }
  }

  private envelopeOf<P extends object>(event: NewEvent<P>): EventEnvelope<P> {
    const { key, subject } = addressOf(event);
    return {
      id: event.id ?? randomUUID(),
      type: event.definition.type,
      source: eventSourceOf(this.options.serviceName),
      time: (event.time ?? this.options.clock.now()).toISOString(),
      subject,
      tenantId: key,
      data: event.data,
      ...traceparentOf(event),
    };
  }
}

/** The event's own trace context, else the active span's (the request or handler writing it), if tracing is on. */
function traceparentOf(event: NewEvent<object>): { traceparent?: string } {
  const traceparent = event.traceparent ?? currentTraceparent();
  return traceparent ? { traceparent } : {};
}

/** The message key and subject of an event: its tenant's, or the key and subject given for a tenant-less one. */
function addressOf(event: NewEvent<object>): { key: string; subject: string } {
  if (event.tenantId !== undefined) {
    if (event.key !== undefined || event.subject !== undefined)
      throw new Error('an event names either its tenant or its own key and subject, not both');
    return { key: event.tenantId, subject: eventSubjectOf(event.tenantId, event.environmentName) };
  }
  if (!event.key || !event.subject || !isSubjectOfKey(event.subject, event.key)) {
    throw new Error(
      `an event without a tenant needs a key and a subject "<collection>/<key>" (got ${event.key} / ${event.subject})`,
    );
  }
  return { key: event.key, subject: event.subject };
}
