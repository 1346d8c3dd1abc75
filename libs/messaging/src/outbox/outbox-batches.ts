import type { Client } from 'pg';
import type { Producer, TopicMessages } from 'kafkajs';
import { toKafkaMessageOfJson } from '../envelope/kafka-message';
import type { MessagingLogger } from '../logger';
import { countPublished } from '../metrics/messaging-metrics';
import { ReadPosition } from './read-position';

/** Seams for fault-injection tests: called after a batch is read and after it is on Kafka. */
export interface OutboxRelayHooks {
  afterBatchRead?(eventIds: string[]): void | Promise<void>;
  afterBatchPublished?(eventIds: string[]): void | Promise<void>;
}

export interface OutboxRow {
  id: string;
  event_id: string;
  topic: string;
  message_key: string;
  type: string;
  source: string;
  subject: string;
  /** ISO 8601 in UTC with milliseconds, as the envelope had it (Date.toISOString), formatted by Postgres. */
  time: string;
  traceparent: string | null;
  /** The payload as stored (jsonb text): sent as it is, never parsed and serialised again. */
  payload: string;
}

/** What a message needs, as text: nothing for the relay to parse (jsonb, timestamps) and serialise again. */
const OUTBOX_COLUMNS = `id, event_id, topic, message_key, type, source, subject,
  to_char("time" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "time",
  headers->>'traceparent' AS traceparent, payload::text AS payload`;

/**
 * The relay's three steps on one schema's outbox, each timed: read unpublished rows (where ReadPosition says),
 * send them to Kafka, mark them published. Reads and marks run on the relay's locked connection.
 */
export class OutboxBatches {
  readonly position = new ReadPosition();
  /** Time spent in each step since start (they overlap: reads and marks run while a batch is being sent). */
  readonly busyMs = { read: 0, send: 0, mark: 0 };
  published = 0;

  private readonly table: string;

  constructor(
    private readonly schema: string,
    readonly batchSize: number,
    private readonly logger: MessagingLogger,
    private readonly hooks: OutboxRelayHooks = {},
  ) {
    this.table = `"${schema}".outbox`;
  }

  /**
   * Unpublished rows in id order: from the lowest gap (or the first unpublished row; see ReadPosition), with
   * nothing in flight; or `ahead`: after the highest id read, while the batch before is in flight.
   */
  async read(client: Client, from: 'floor' | 'ahead' = 'floor'): Promise<OutboxRow[]> {
    const startedAt = performance.now();
    const after = from === 'ahead' ? this.position.last() : undefined;
    const floor = from === 'floor' ? this.position.floor() : undefined;
    const { rows } = await client.query<OutboxRow>(
      after !== undefined
        ? `SELECT ${OUTBOX_COLUMNS}
             FROM ${this.table} WHERE published_at IS NULL AND id > $2 ORDER BY id LIMIT $1`
        : floor !== undefined
          ? `SELECT ${OUTBOX_COLUMNS}
               FROM ${this.table} WHERE published_at IS NULL AND id >= $2 ORDER BY id LIMIT $1`
          : `SELECT ${OUTBOX_COLUMNS}
               FROM ${this.table} WHERE published_at IS NULL ORDER BY id LIMIT $1`,
      after !== undefined
        ? [this.batchSize, after]
        : floor !== undefined
          ? [this.batchSize, floor]
          : [this.batchSize],
    );
    this.position.saw(rows.map((row) => Number(row.id)));
    this.busyMs.read += performance.now() - startedAt;
    if (rows.length > 0) await this.hooks.afterBatchRead?.(rows.map((row) => row.event_id));
    return rows;
  }

  async send(producer: Producer, rows: OutboxRow[]): Promise<void> {
    const startedAt = performance.now();
    await producer.sendBatch({ topicMessages: messagesByTopic(rows), acks: -1 });
    this.busyMs.send += performance.now() - startedAt;
    await this.hooks.afterBatchPublished?.(rows.map((row) => row.event_id));
  }

  async mark(client: Client, rows: OutboxRow[]): Promise<void> {
    const startedAt = performance.now();
    await client.query(`UPDATE ${this.table} SET published_at = now() WHERE id = ANY($1::bigint[])`, [
      rows.map((row) => row.id),
    ]);
    this.busyMs.mark += performance.now() - startedAt;
    this.published += rows.length;
    countPublished(this.schema, rows);
    this.logger.debug({ schema: this.schema, count: rows.length }, 'outbox batch published');
  }

  async purgePublished(client: Client, retentionMs: number): Promise<void> {
    await client.query(
      `DELETE FROM ${this.table} WHERE published_at < now() - make_interval(secs => $1::double precision)`,
      [retentionMs / 1000],
    );
  }
}

/** Groups rows by topic; each group keeps the rows' id order, which is what Kafka keeps per partition. */
function messagesByTopic(rows: OutboxRow[]): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const row of rows) {
    let group = byTopic.get(row.topic);
    if (!group) byTopic.set(row.topic, (group = { topic: row.topic, messages: [] }));
    group.messages.push(
      toKafkaMessageOfJson(
        {
          id: row.event_id,
          type: row.type,
          source: row.source,
          time: row.time,
          subject: row.subject,
          tenantId: row.message_key,
          ...(row.traceparent ? { traceparent: row.traceparent } : {}),
        },
        row.payload,
      ),
    );
  }
  return [...byTopic.values()];
}
