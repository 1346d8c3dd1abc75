import { advisoryLockKey, assertServiceName } from '@pac/persistence';
import { Partitioners, type Kafka, type Producer, type TopicMessages } from 'kafkajs';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { toKafkaMessage } from '../envelope/kafka-message';
import type { MessagingLogger } from '../logger';
import { dedicatedConnectionConfig } from './dedicated-connection';
import { outboxChannelOf } from './messaging-tables';
import { Wakeup } from './wakeup';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  kafka: Kafka;
  /** The service's schema, whose outbox this relay drains. */
  schema: string;
  logger: MessagingLogger;
  /** Fallback poll while active, should a notification be missed; default 500 ms. */
  pollIntervalMs?: number;
  /** How often a standby instance tries to become the active one; default 1000 ms. */
  standbyRetryMs?: number;
  /** Rows read and sent at once; default 500. */
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
}

interface OutboxRow {
  id: string;
  event_id: string;
  topic: string;
  message_key: string;
  type: string;
  source: string;
  subject: string;
  time: Date;
  headers: Record<string, string>;
  payload: unknown;
}

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

  constructor(private readonly options: OutboxRelayOptions) {
    assertServiceName(options.schema);
    this.table = `"${options.schema}".outbox`;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.standbyRetryMs = options.standbyRetryMs ?? 1000;
    this.batchSize = options.batchSize ?? 500;
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
    return { running: this.loop !== undefined, active: this.active, published: this.published };
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
      const producer = this.options.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      try {
        let lastPurge = 0;
        while (!this.stopping) {
          if (broken) throw broken;
          const sent = await this.relayBatch(client, producer);
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

  private async relayBatch(client: Client, producer: Producer): Promise<number> {
    const { rows } = await client.query<OutboxRow>(
      `SELECT id, event_id, topic, message_key, type, source, subject, "time", headers, payload
         FROM ${this.table} WHERE published_at IS NULL ORDER BY id LIMIT $1`,
      [this.batchSize],
    );
    if (rows.length === 0) return 0;
    const eventIds = rows.map((row) => row.event_id);
    await this.options.hooks?.afterBatchRead?.(eventIds);

    await producer.sendBatch({ topicMessages: messagesByTopic(rows), acks: -1 });
    await this.options.hooks?.afterBatchPublished?.(eventIds);

    await client.query(`UPDATE ${this.table} SET published_at = now() WHERE id = ANY($1::bigint[])`, [
      rows.map((row) => row.id),
    ]);
    this.published += rows.length;
    this.options.logger.debug({ schema: this.options.schema, count: rows.length }, 'outbox batch published');
    return rows.length;
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
      toKafkaMessage({
        id: row.event_id,
        type: row.type,
        source: row.source,
        time: row.time.toISOString(),
        subject: row.subject,
        tenantId: row.message_key,
        data: row.payload,
        ...(row.headers['traceparent'] ? { traceparent: row.headers['traceparent'] } : {}),
      }),
    );
  }
  return [...byTopic.values()];
}
