import { advisoryLockKey, assertServiceName } from '@pac/persistence';
import { Partitioners, type Kafka, type Producer, type TopicMessages } from 'kafkajs';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { toKafkaMessageOfJson } from '../envelope/kafka-message';
import type { MessagingLogger } from '../logger';
import { dedicatedConnectionConfig } from './dedicated-connection';
import { outboxChannelOf } from './messaging-tables';
import { ReadPosition } from './read-position';
import { Wakeup } from './wakeup';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  kafka: Kafka;
  /** The service's schema, whose outbox this relay drains. */
  schema: string;
  logger: MessagingLogger;
  /**
   * Fallback poll while active, should a notification be missed; default 1 s. Every commit that adds rows
   * NOTIFYs the relay's listening session, so this is a safety net, not the way rows are found.
   */
  pollIntervalMs?: number;
  /** How often a standby instance tries to become the active one; default 1000 ms. */
  standbyRetryMs?: number;
  /** Rows read and sent at once; default 1000. */
  batchSize?: number;
  /** Published rows are kept this long (for inspection), then purged; default one day. */
  retentionMs?: number;
  /** How often published rows are purged; default one minute. */
  purgeIntervalMs?: number;
  /** Seams for fault-injection tests: called after a batch is read and after it is on Kafka. */
  hooks?: OutboxRelayHooks;
}

export interface OutboxRelayHooks {
  afterBatchRead?(eventIds: string[]): void | Promise<void>;
  afterBatchPublished?(eventIds: string[]): void | Promise<void>;
}

export interface OutboxRelayStatus {
  running: boolean;
  /** True on the one instance per schema that currently publishes; the others stand by. */
  active: boolean;
  published: number;
  /** Milliseconds spent reading, sending and marking since start; for benchmarks and diagnosis. */
  busyMs: { read: number; send: number; mark: number };
}

interface OutboxRow {
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

/** Reads ahead by cursor at most this many batches in a row before a read from the lowest gap. */
const RESCAN_EVERY_BATCHES = 20;
/** A drain starts from the first unpublished row at most this often; otherwise from the lowest gap. */
const FROM_START_EVERY_MS = 1_000;

/** What a message needs, as text: nothing for the relay to parse (jsonb, timestamps) and serialise again. */
const OUTBOX_COLUMNS = `id, event_id, topic, message_key, type, source, subject,
  to_char("time" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "time",
  headers->>'traceparent' AS traceparent, payload::text AS payload`;

/**
 * Takes committed outbox rows to Kafka in id order, then marks them published. One instance per schema is
 * active, the one holding a session advisory lock on its own connection; the others retry the lock and take
 * over when that connection goes away (a dead relay's session ends, and its lock with it). Rows are marked
 * on that same connection, so a relay that lost its lock cannot mark anything. A crash between sending and
 * marking sends the batch again on restart: consumers are idempotent.
 */
export class OutboxRelay {
  private readonly pollIntervalMs: number;
  private readonly standbyRetryMs: number;
  private readonly batchSize: number;
  private readonly retentionMs: number;
  private readonly purgeIntervalMs: number;
  private readonly table: string;
  private readonly wakeup = new Wakeup();
  private stopping = false;
  private loop: Promise<void> | undefined;
  private active = false;
  private published = 0;
  /** Time spent in each step since start (they overlap: reads and marks run while a batch is being sent). */
  private readonly busyMs = { read: 0, send: 0, mark: 0 };
  private readonly position = new ReadPosition();
  private lastFromStart = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    assertServiceName(options.schema);
    this.table = `"${options.schema}".outbox`;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.standbyRetryMs = options.standbyRetryMs ?? 1000;
    this.batchSize = options.batchSize ?? 1_000;
    this.retentionMs = options.retentionMs ?? 24 * 60 * 60 * 1000;
    this.purgeIntervalMs = options.purgeIntervalMs ?? 60_000;
  }

  /** Starts relaying in the background; resolves at once (the instance may be a standby). */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Finishes the batch in flight, releases the lock (a standby takes over) and disconnects. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeup.wake();
    await this.loop;
    this.loop = undefined;
  }

  status(): OutboxRelayStatus {
    return {
      running: this.loop !== undefined,
      active: this.active,
      published: this.published,
      busyMs: { ...this.busyMs },
    };
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.session();
      } catch (error) {
        this.options.logger.warn(
          { err: error, schema: this.options.schema },
          'outbox relay interrupted; retrying',
        );
      }
      if (!this.stopping) await this.wakeup.wait(this.standbyRetryMs);
    }
  }

  /** One connection's life: stand by until the lock is ours, then relay until stopped or broken. */
  private async session(): Promise<void> {
    const { schema, dataSource, logger } = this.options;
    const client = new Client(dedicatedConnectionConfig(dataSource, `outbox-relay:${schema}`));
    let broken: Error | undefined;
    client.on('error', (error) => {
      broken = error;
      this.wakeup.wake();
    });
    client.on('end', () => {
      broken ??= new Error('the relay connection ended');
      this.wakeup.wake();
    });
    client.on('notification', () => this.wakeup.wake());
    await client.connect();
    try {
      if (!(await this.acquireLock(client))) return;
      this.active = true;
      logger.info({ schema }, 'outbox relay active');
      await client.query(`LISTEN "${outboxChannelOf(schema)}"`);
      // A read is "the next rows in id order": the partial index in order, stopping at the limit. With the
      // rows' count underestimated (a table grown by 100,000 rows since its last ANALYZE), Postgres would
      // rather bitmap-scan every unpublished row after the cursor, text every payload and sort them all
      // (250 ms instead of 4 ms a read). This session runs nothing else that needs either plan.
      await client.query('SET enable_bitmapscan = off; SET enable_sort = off');
      const producer = this.options.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      // A new session knows nothing of what the last one read.
      this.position.fromStart();
      this.lastFromStart = Date.now();
      try {
        let lastPurge = 0;
        while (!this.stopping) {
          if (broken) throw broken;
          const sent = await this.drain(client, producer);
          if (Date.now() - lastPurge >= this.purgeIntervalMs) {
            await this.purgePublished(client);
            lastPurge = Date.now();
          }
          // A full batch means more may be waiting: go on without sleeping.
          if (sent < this.batchSize) await this.wakeup.wait(this.pollIntervalMs);
        }
      } finally {
        this.active = false;
        await producer.disconnect().catch(() => undefined);
      }
    } finally {
      // Ending the session releases the advisory lock: a standby takes over at its next try.
      await client.end().catch(() => undefined);
    }
  }

  private async acquireLock(client: Client): Promise<boolean> {
    const key = advisoryLockKey('outbox-relay', this.options.schema);
    while (!this.stopping) {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1::bigint) AS locked',
        [key],
      );
      if (rows[0]!.locked) return true;
      await this.wakeup.wait(this.standbyRetryMs);
    }
    return false;
  }

  /**
   * Publishes until caught up (a read returns less than a full batch) or stopping, as a pipeline: while a
   * batch is on its way to Kafka, the next one is read (the rows after it, by id); once it is acknowledged,
   * the next batch is sent at once and the acknowledged one is marked meanwhile. Sends stay strictly one
   * after the other, in id order, so Kafka keeps the rows' order per key as before. Marks are on the locked
   * connection, in order, and only of acknowledged rows; a crash anywhere re-sends what is unmarked.
   */
  private async drain(client: Client, producer: Producer): Promise<number> {
    if (Date.now() - this.lastFromStart >= FROM_START_EVERY_MS) {
      this.position.fromStart();
      this.lastFromStart = Date.now();
    }
    let batch = await this.readBatch(client);
    if (batch.length === 0 && this.position.floor() !== undefined) {
      // Woken (a commit NOTIFYs) yet nothing at or above the lowest gap: the commit may be of a row below
      // what the last read from the start saw first, which leaves no gap. Look from the start.
      this.position.fromStart();
      this.lastFromStart = Date.now();
      batch = await this.readBatch(client);
    }
    let marking: Promise<void> | undefined;
    let readsByCursor = 0;
    try {
      for (;;) {
        if (batch.length === 0) return 0;
        const full = batch.length === this.batchSize;
        const sending = this.send(producer, batch);
        // A row whose transaction took its id earlier but committed later sits before the cursor: a read
        // from the lowest gap now and then (and at every drain) picks it up.
        const readAhead =
          full && !this.stopping && readsByCursor < RESCAN_EVERY_BATCHES
            ? this.readBatch(client, 'ahead')
            : undefined;
        readAhead?.catch(() => undefined);
        await sending;
        // One mark in flight at a time: the previous one finished before this batch was read, or is awaited now.
        await marking;
        marking = this.mark(client, batch);
        marking.catch(() => undefined);
        if (!full || this.stopping) {
          await marking;
          marking = undefined;
          return batch.length;
        }
        if (readAhead) {
          batch = await readAhead;
          readsByCursor += 1;
        } else {
          await marking;
          marking = undefined;
          batch = await this.readBatch(client);
          readsByCursor = 0;
        }
      }
    } finally {
      // Rows on Kafka are marked before the session ends, whatever happened after (a failed mark rethrows).
      if (marking) await marking;
    }
  }

  /**
   * Unpublished rows in id order: from the lowest gap (or the first unpublished row; see ReadPosition), with
   * nothing in flight; or `ahead`: after the highest id read, while the batch before is in flight.
   */
  private async readBatch(client: Client, from: 'floor' | 'ahead' = 'floor'): Promise<OutboxRow[]> {
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
    if (rows.length > 0) await this.options.hooks?.afterBatchRead?.(rows.map((row) => row.event_id));
    return rows;
  }

  private async send(producer: Producer, rows: OutboxRow[]): Promise<void> {
    const startedAt = performance.now();
    await producer.sendBatch({ topicMessages: messagesByTopic(rows), acks: -1 });
    this.busyMs.send += performance.now() - startedAt;
    await this.options.hooks?.afterBatchPublished?.(rows.map((row) => row.event_id));
  }

  private async mark(client: Client, rows: OutboxRow[]): Promise<void> {
    const startedAt = performance.now();
    await client.query(`UPDATE ${this.table} SET published_at = now() WHERE id = ANY($1::bigint[])`, [
      rows.map((row) => row.id),
    ]);
    this.busyMs.mark += performance.now() - startedAt;
    this.published += rows.length;
    this.options.logger.debug({ schema: this.options.schema, count: rows.length }, 'outbox batch published');
  }

  private async purgePublished(client: Client): Promise<void> {
    await client.query(
      `DELETE FROM ${this.table} WHERE published_at < now() - make_interval(secs => $1::double precision)`,
      [this.retentionMs / 1000],
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
