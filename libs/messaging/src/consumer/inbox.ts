import { assertServiceName } from '@pac/persistence';
import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '../envelope/event-envelope';
import { deferOutboxWrites, flushOutboxWrites } from '../outbox/outbox';
import { inConsumerSpan } from '../tracing/trace-context';
import type { Handled, Prepared, Registration } from './prepared-message';

/** A failure raised by a handler, as opposed to one of the inbox's own queries. */
export class HandlerFailure extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/** A handler's failure inside a group's transaction, with the failing message's place in the group. */
export class GroupHandlerFailure extends HandlerFailure {
  constructor(
    readonly index: number,
    reason: unknown,
  ) {
    super(reason);
  }
}

export type InboxOutcome = 'processed' | 'duplicate';

/**
 * The `<schema>.inbox` table of one consumer group: the event ids already handled, each inserted in the same
 * transaction as its handler's effect, so that both commit or neither does, and a redelivered event finds its
 * id there and is not handled again.
 */
export class Inbox {
  private readonly table: string;

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
    private readonly groupId: string,
  ) {
    assertServiceName(schema);
    this.table = `"${schema}".inbox`;
  }

  /**
   * A group's inbox rows and its handlers' effects, in one transaction. The inbox rows go in with one
   * statement; an event id already there (or earlier in the group) is a duplicate and its handler does not
   * run. A handler that throws aborts the whole group, naming its place in the group (GroupHandlerFailure).
   */
  processGroup(topic: string, group: readonly Prepared[]): Promise<Map<Prepared, InboxOutcome>> {
    const outcomes = new Map<Prepared, InboxOutcome>();
    const handled = group.filter((item): item is Handled => item.kind === 'handle');
    if (handled.length === 0) return Promise.resolve(outcomes);
    return this.dataSource.transaction(async (manager) => {
      const inserted: { event_id: string }[] = await manager.query(
        `INSERT INTO ${this.table} (consumer_group, event_id, topic, type)
         SELECT $1, event_id, $2, type FROM unnest($3::uuid[], $4::text[]) AS e (event_id, type)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.groupId, topic, handled.map((item) => item.eventId), handled.map((item) => item.type)],
      );
      // The handlers' events go to the outbox in one statement at the end of the group.
      deferOutboxWrites(manager);
      // uuid text from Postgres is lower case; a ce_id may not be.
      const fresh = new Set(inserted.map((row) => row.event_id));
      for (const item of handled) {
        if (!fresh.delete(item.eventId.toLowerCase())) {
          outcomes.set(item, 'duplicate');
          continue;
        }
        try {
          await inConsumerSpan(item.envelope, topic, this.groupId, () =>
            item.registration.handler(item.envelope, manager),
          );
        } catch (error) {
          throw new GroupHandlerFailure(group.indexOf(item), error);
        }
        outcomes.set(item, 'processed');
      }
      await flushOutboxWrites(manager);
      return outcomes;
    });
  }

  /** One message's inbox row and its handler's effect, in one transaction (HandlerFailure if the handler throws). */
  processOne(
    envelope: EventEnvelope<object>,
    registration: Registration,
    topic: string,
  ): Promise<InboxOutcome> {
    return this.dataSource.transaction(async (manager): Promise<InboxOutcome> => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO ${this.table} (consumer_group, event_id, topic, type) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.groupId, envelope.id, topic, envelope.type],
      );
      if (inserted.length === 0) return 'duplicate';
      try {
        await inConsumerSpan(envelope, topic, this.groupId, () => registration.handler(envelope, manager));
      } catch (error) {
        throw new HandlerFailure(error);
      }
      return 'processed';
    });
  }

  /** Deletes the rows older than `retentionMs`: past Kafka's retention no redelivery can need them. */
  async purge(retentionMs: number): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM ${this.table} WHERE consumer_group = $1
         AND processed_at < now() - make_interval(secs => $2::double precision)`,
      [this.groupId, retentionMs / 1000],
    );
  }
}
