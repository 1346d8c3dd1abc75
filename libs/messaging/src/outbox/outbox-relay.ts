import { advisoryLockKey, assertServiceName } from '@pac/persistence';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { CappedBackoff, type CappedBackoffOptions } from '../backoff/capped-backoff';
import { OutageLog } from '../backoff/outage-log';
import { isDatabaseUnavailable } from '../consumer/infrastructure-error';
import type { MessagingLogger } from '../logger';
import { dedicatedConnectionConfig } from './dedicated-connection';
import { OutboxBatches, type OutboxRelayHooks } from './outbox-batches';
import { outboxChannelOf } from './messaging-tables';
import { relayIsActive, unwatchOutbox, watchOutbox } from '../metrics/outbox-metrics';
import { Wakeup } from './wakeup';

export type { OutboxRelayHooks } from './outbox-batches';

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
  /** Delays between attempts after a session broke (Postgres or Kafka away); default 100 ms doubling to 5 s. */
  reconnect?: CappedBackoffOptions;
  /** At most one "postgres unreachable" warning per this many ms while an outage lasts; default 10 s. */
  outageLogEveryMs?: number;
  /** Seams for fault-injection tests: called after a batch is read and after it is on Kafka. */
  hooks?: OutboxRelayHooks;
}

export interface OutboxRelayStatus {
  running: boolean;
  /** True on the one instance per schema that currently publishes; the others stand by. */
  active: boolean;
  published: number;
  /** Milliseconds spent reading, sending and marking since start; for benchmarks and diagnosis. */
  busyMs: { read: number; send: number; mark: number };
  /** Sessions that broke since the last one that worked (0 while all is well). */
  failedAttempts: number;
}

/** Reads ahead by cursor at most this many batches in a row before a read from the lowest gap. */
const RESCAN_EVERY_BATCHES = 20;
/** A drain starts from the first unpublished row at most this often; otherwise from the lowest gap. */
const FROM_START_EVERY_MS = 1_000;

/**
 * Takes committed outbox rows to Kafka in id order, then marks them published. One instance per schema is
 * active, the one holding a session advisory lock on its own connection; the others retry the lock and take
 * over when that connection goes away (a dead relay's session ends, and its lock with it). Rows are marked
 * on that same connection, so a relay that lost its lock cannot mark anything. A crash between sending and
 * marking sends the batch again on restart: consumers are idempotent. A session that breaks (Postgres or Kafka
 * away) is tried again after a capped exponential backoff with jitter, and logged at most every few seconds.
 */
export class OutboxRelay {
  private readonly pollIntervalMs: number;
  private readonly standbyRetryMs: number;
  private readonly retentionMs: number;
  private readonly purgeIntervalMs: number;
  private readonly wakeup = new Wakeup();
  private readonly batches: OutboxBatches;
  private readonly backoff: CappedBackoff;
  private readonly postgresOutage: OutageLog;
  private readonly relayTrouble: OutageLog;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private active = false;
  private lastFromStart = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    assertServiceName(options.schema);
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.standbyRetryMs = options.standbyRetryMs ?? 1000;
    this.retentionMs = options.retentionMs ?? 24 * 60 * 60 * 1000;
    this.purgeIntervalMs = options.purgeIntervalMs ?? 60_000;
    this.batches = new OutboxBatches(
      options.schema,
      options.batchSize ?? 1_000,
      options.logger,
      options.hooks,
    );
    this.backoff = new CappedBackoff(options.reconnect);
    const outageLog = (what: string) =>
      new OutageLog({ what, logger: options.logger, everyMs: options.outageLogEveryMs });
    this.postgresOutage = outageLog('outbox relay: postgres unreachable');
    this.relayTrouble = outageLog('outbox relay interrupted');
  }

  /** Starts relaying in the background; resolves at once (the instance may be a standby). */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    watchOutbox(this.options.schema, this.options.dataSource);
    relayIsActive(this.options.schema, false);
    this.loop = this.run();
  }

  /** Finishes the batch in flight, releases the lock (a standby takes over) and disconnects. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeup.wake();
    await this.loop;
    this.loop = undefined;
    unwatchOutbox(this.options.schema, this.options.dataSource);
  }

  status(): OutboxRelayStatus {
    return {
      running: this.loop !== undefined,
      active: this.active,
      published: this.batches.published,
      busyMs: { ...this.batches.busyMs },
      failedAttempts: this.backoff.attempts(),
    };
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.session();
      } catch (error) {
        if (this.stopping) break;
        const delay = this.backoff.next();
        const log = isDatabaseUnavailable(error) ? this.postgresOutage : this.relayTrouble;
        log.failed(error, delay, { schema: this.options.schema });
        await this.wakeup.wait(delay);
        continue;
      }
      if (!this.stopping) await this.wakeup.wait(this.standbyRetryMs);
    }
  }

  /** The session works: what failed before is over. */
  private working(): void {
    if (this.backoff.attempts() === 0) return;
    this.backoff.reset();
    this.postgresOutage.recovered({ schema: this.options.schema });
    this.relayTrouble.recovered({ schema: this.options.schema });
  }

  /** One connection's life: stand by until the lock is ours, then relay until stopped or broken. */
  private async session(): Promise<void> {
    const { schema, dataSource, logger } = this.options;
    const client = new Client(dedicatedConnectionConfig(dataSource, `outbox-relay:${schema}`));
    let broken: Error | undefined;
    // Only this session's live connection may cut a wait short: a connection that failed to open (or ended)
    // must not wake the backoff that follows it, or a relay whose database is down retries in a tight loop.
    let live = false;
    client.on('error', (error) => {
      broken = error;
      if (live) this.wakeup.wake();
    });
    client.on('end', () => {
      broken ??= new Error('Connection terminated: the relay connection ended');
      if (live) this.wakeup.wake();
    });
    client.on('notification', () => this.wakeup.wake());
    try {
      await client.connect();
      live = true;
      if (!(await this.acquireLock(client))) return;
      this.active = true;
      relayIsActive(schema, true);
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
      this.batches.position.fromStart();
      this.lastFromStart = Date.now();
      try {
        let lastPurge = 0;
        while (!this.stopping) {
          if (broken) throw broken;
          const sent = await this.drain(client, producer);
          this.working();
          if (Date.now() - lastPurge >= this.purgeIntervalMs) {
            await this.batches.purgePublished(client, this.retentionMs);
            lastPurge = Date.now();
          }
          // A full batch means more may be waiting: go on without sleeping.
          if (sent < this.batches.batchSize) await this.wakeup.wait(this.pollIntervalMs);
        }
      } finally {
        this.active = false;
        relayIsActive(schema, false);
        await producer.disconnect().catch(() => undefined);
      }
    } finally {
      live = false;
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
      // A standby that reaches its database is well, even though another instance relays.
      this.working();
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
    const { position, batchSize } = this.batches;
    if (Date.now() - this.lastFromStart >= FROM_START_EVERY_MS) {
      position.fromStart();
      this.lastFromStart = Date.now();
    }
    let batch = await this.batches.read(client);
    if (batch.length === 0 && position.floor() !== undefined) {
      // Woken (a commit NOTIFYs) yet nothing at or above the lowest gap: the commit may be of a row below
      // what the last read from the start saw first, which leaves no gap. Look from the start.
      position.fromStart();
      this.lastFromStart = Date.now();
      batch = await this.batches.read(client);
    }
    let marking: Promise<void> | undefined;
    let readsByCursor = 0;
    try {
      for (;;) {
        if (batch.length === 0) return 0;
        const full = batch.length === batchSize;
        const sending = this.batches.send(producer, batch);
        // A row whose transaction took its id earlier but committed later sits before the cursor: a read
        // from the lowest gap now and then (and at every drain) picks it up.
        const readAhead =
          full && !this.stopping && readsByCursor < RESCAN_EVERY_BATCHES
            ? this.batches.read(client, 'ahead')
            : undefined;
        readAhead?.catch(() => undefined);
        await sending;
        // One mark in flight at a time: the previous one finished before this batch was read, or is awaited now.
        await marking;
        marking = this.batches.mark(client, batch);
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
          batch = await this.batches.read(client);
          readsByCursor = 0;
        }
      }
    } finally {
      // Rows on Kafka are marked before the session ends, whatever happened after (a failed mark rethrows).
      if (marking) await marking;
    }
  }
}
