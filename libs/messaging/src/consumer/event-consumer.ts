import type { EventDefinition } from '@pac/contracts';
import { assertServiceName } from '@pac/persistence';
import {
  Partitioners,
  type Consumer,
  type EachBatchPayload,
  type Kafka,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '../envelope/event-envelope';
import { CloudEventHeaders } from '../envelope/event-envelope';
import { headerText, parseKafkaMessage } from '../envelope/kafka-message';
import { validatePayload } from '../envelope/validate-payload';
import type { MessagingLogger } from '../logger';
import { deferOutboxWrites, flushOutboxWrites } from '../outbox/outbox';
import { deadLetterMessage } from './dead-letter';
import { isDatabaseUnavailable } from './infrastructure-error';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retry-policy';

export type EventHandler<P> = (envelope: EventEnvelope<P>, manager: EntityManager) => Promise<void>;

/** What became of one message. */
export type ConsumeOutcome =
  /** The handler ran and its effect committed with the inbox row. */
  | 'processed'
  /** The event id was already in the inbox: nothing done. */
  | 'duplicate'
  /** No handler for this type in this service. */
  | 'skipped'
  /** Malformed, invalid, or failing after every retry: sent to `<topic>.dlq`. */
  | 'dead-lettered';

export interface ProcessedMessage {
  outcome: ConsumeOutcome;
  topic: string;
  partition: number;
  offset: string;
  type?: string;
  eventId?: string;
  /** Handler attempts made (0 when the handler was not called). */
  attempts: number;
  durationMs: number;
  error?: string;
}

export interface EventConsumerOptions {
  kafka: Kafka;
  dataSource: DataSource;
  /** The service's schema, where its inbox table is. */
  schema: string;
  /** The consumer group: the service's name, so that its instances share the partitions. */
  groupId: string;
  logger: MessagingLogger;
  /** Topics to read; by default those of the registered handlers. */
  topics?: string[];
  /** Where a new group starts; default true, so that events produced before a service first ran are seen. */
  fromBeginning?: boolean;
  retry?: Partial<RetryPolicy>;
  /** Partitions handled in parallel by one instance (order is kept within each); default 1. */
  partitionsConsumedConcurrently?: number;
  /**
   * Most messages of one partition handled in one database transaction (inbox rows and effects together);
   * default 100. 1 gives a transaction per message.
   */
  maxBatchSize?: number;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** Longest a fetch waits for data when there is none; data is returned as soon as it arrives. */
  maxWaitTimeInMs?: number;
  /**
   * Inbox rows older than this are purged; default 7 days, Kafka's default retention, past which a
   * redelivery can no longer happen (short of replaying a dead letter, which should take effect again).
   */
  inboxRetentionMs?: number;
  /** Called once per message, for metrics and tests. */
  onProcessed?: (message: ProcessedMessage) => void;
}

export interface EventConsumerReadiness {
  /**
   * Connected, has joined its group at least once, and not crashed. A rebalance does not make it unready:
   * rebalances are routine, and a readiness probe that flapped with them would take a service's HTTP API
   * out of rotation for nothing.
   */
  ready: boolean;
  connected: boolean;
  /** A member of its group right now (false while a rebalance is under way). */
  joinedGroup: boolean;
  /** The last crash, if the consumer crashed and has not recovered. */
  crashed?: string;
}

const DEFAULT_INBOX_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
const INBOX_PURGE_INTERVAL_MS = 60 * 60 * 1000;

interface Registration {
  definition: EventDefinition;
  handler: EventHandler<object>;
}

/** A failure raised by a handler, as opposed to one of the consumer's own queries. */
class HandlerFailure extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/** A handler's failure inside a group's transaction, with the failing message's place in the group. */
class BatchHandlerFailure extends Error {
  constructor(
    readonly index: number,
    readonly reason: unknown,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/** A message of a fetched batch, looked at before any database work. */
type Prepared = Skipped | Invalid | Handled;
interface Skipped {
  kind: 'skip';
  message: KafkaMessage;
  type: string;
}
interface Invalid {
  kind: 'invalid';
  message: KafkaMessage;
  error: string;
  type?: string;
  eventId?: string;
}
interface Handled {
  kind: 'handle';
  message: KafkaMessage;
  type: string;
  eventId: string;
  envelope: EventEnvelope<object>;
  registration: Registration;
}

const DEFAULT_MAX_BATCH_SIZE = 100;

function detailsOf(item: Invalid): Partial<ProcessedMessage> {
  return {
    error: item.error,
    ...(item.type === undefined ? {} : { type: item.type }),
    ...(item.eventId === undefined ? {} : { eventId: item.eventId }),
  };
}

function errorText(reason: unknown): string {
  return reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
}

/**
 * Reads events from Kafka and hands each to its handler exactly once in effect: the handler runs in the same
 * transaction as the insertion of the event id into the inbox, so a redelivered event finds its id there and
 * is skipped. The messages of one partition fetched together are handled in groups (up to `maxBatchSize`),
 * one transaction per group: one statement for the group's inbox rows, then each handler in offset order, so
 * a busy partition pays one commit (one WAL flush) per group rather than per message. Offsets are resolved
 * only once a message is processed, skipped or dead-lettered, after its group committed. A message that cannot
 * be parsed or validated goes straight to `<topic>.dlq`; a handler that keeps failing is retried with backoff
 * first, alone (the rest of its group commits without it). Either way the partition moves on.
 *
 * A failing handler rolls its whole group back rather than a savepoint per message: savepoints would cost two
 * statements per message on the path that matters, and more than 64 subtransactions in one transaction slow
 * every other session's snapshots. The messages before the failing one are handled again (they left no trace).
 */
export class EventConsumer {
  private readonly handlers = new Map<string, Registration>();
  private readonly retryPolicy: RetryPolicy;
  private readonly inbox: string;
  private readonly counts: Record<ConsumeOutcome, number> = {
    processed: 0,
    duplicate: 0,
    skipped: 0,
    'dead-lettered': 0,
  };
  private consumer: Consumer | undefined;
  private deadLetterProducer: Producer | undefined;
  private connected = false;
  private joinedGroup = false;
  private hasJoined = false;
  private inboxPurge: NodeJS.Timeout | undefined;
  private crashed: string | undefined;

  constructor(private readonly options: EventConsumerOptions) {
    assertServiceName(options.schema);
    this.inbox = `"${options.schema}".inbox`;
    this.retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  }

  /** Registers the handler of one event type; before start(). */
  handle<P extends object>(definition: EventDefinition<P>, handler: EventHandler<P>): this {
    if (this.consumer) throw new Error('register handlers before start()');
    if (this.handlers.has(definition.type)) throw new Error(`${definition.type} already has a handler`);
    this.handlers.set(definition.type, {
      definition: definition as EventDefinition,
      handler: handler as EventHandler<object>,
    });
    return this;
  }

  async start(): Promise<void> {
    if (this.consumer) return;
    const { kafka, groupId, logger } = this.options;
    const topics = this.options.topics ?? [
      ...new Set([...this.handlers.values()].map((r) => r.definition.topic)),
    ];
    if (topics.length === 0)
      throw new Error(`consumer ${groupId} has no topic to read: register a handler first`);

    this.deadLetterProducer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    const consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      rebalanceTimeout: 10_000,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 1_000,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? 100,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CONNECT, () => (this.connected = true));
    consumer.on(consumer.events.DISCONNECT, () => {
      this.connected = false;
      this.joinedGroup = false;
      this.hasJoined = false;
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.joinedGroup = true;
      this.hasJoined = true;
      this.crashed = undefined;
    });
    consumer.on(consumer.events.REBALANCING, () => (this.joinedGroup = false));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.crashed = payload.error.message;
      this.joinedGroup = false;
      logger.error({ err: payload.error, groupId, restart: payload.restart }, 'event consumer crashed');
    });

    try {
      await this.deadLetterProducer.connect();
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
      await consumer.run({
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
        // Offsets are resolved as groups commit, never for messages not yet handled.
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.consumeBatch(payload),
      });
    } catch (error) {
      // Leaves the instance as before, so that start() can be tried again.
      await this.stop().catch(() => undefined);
      throw error;
    }
    this.inboxPurge = setInterval(() => void this.purgeInbox(), INBOX_PURGE_INTERVAL_MS).unref();
    logger.info({ groupId, topics }, 'event consumer started');
  }

  /** Leaves the group at once (its partitions go to the other instances without waiting for a timeout). */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    if (!consumer) return;
    clearInterval(this.inboxPurge);
    try {
      await consumer.disconnect();
      await this.deadLetterProducer?.disconnect();
    } finally {
      this.consumer = undefined;
      this.deadLetterProducer = undefined;
    }
  }

  readiness(): EventConsumerReadiness {
    return {
      ready: this.connected && this.hasJoined && this.crashed === undefined,
      connected: this.connected,
      joinedGroup: this.joinedGroup,
      ...(this.crashed ? { crashed: this.crashed } : {}),
    };
  }

  /** Messages handled since start, by outcome. */
  stats(): Readonly<Record<ConsumeOutcome, number>> {
    return { ...this.counts };
  }

  /**
   * One fetched batch of one partition, in offset order. Messages are taken in groups of up to `maxBatchSize`:
   * each group is one transaction (the inbox rows of all its events in one statement, then each handler in
   * turn), and its offsets are resolved only after that transaction commits. A handler that fails rolls the
   * whole group back; the messages before it are then handled again as a group of their own (they saw nothing
   * of the failure), and the failing one goes alone through retries and, if it keeps failing, the dead-letter
   * topic, so that the partition moves on in order.
   */
  private async consumeBatch({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
  }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    const items: Prepared[] = [];
    for (const message of batch.messages) items.push(await this.prepare(message));
    const maxBatchSize = Math.max(1, this.options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE);
    let next = 0;
    // A handler that failed in a group: where, and how (its first attempt).
    let failure: { at: number; error: unknown } | undefined;
    while (next < items.length) {
      // Stopping, or the partition sought elsewhere: what is left is not resolved, so it is delivered again.
      if (!isRunning() || isStale()) return;
      if (failure?.at === next) {
        // The failing message alone, after the messages before it committed without it.
        await this.consumeAlone(topic, partition, items[next]!, heartbeat, {
          attempt: 1,
          error: failure.error,
        });
        resolveOffset(items[next]!.message.offset);
        next += 1;
        failure = undefined;
        continue;
      }
      const end = Math.min(failure?.at ?? items.length, next + maxBatchSize);
      const group = items.slice(next, end);
      const startedAt = performance.now();
      let outcomes: Map<Prepared, 'processed' | 'duplicate'>;
      try {
        outcomes = await this.processBatchOnce(topic, group);
      } catch (error) {
        const reason = error instanceof BatchHandlerFailure ? error.reason : error;
        // Postgres being away is no fault of the messages: let kafkajs redeliver them later, unresolved.
        if (isDatabaseUnavailable(reason)) throw reason;
        if (error instanceof BatchHandlerFailure) {
          // Rolled back with the whole group: the messages before it go again as a group of their own.
          failure = { at: next + error.index, error: reason };
          continue;
        }
        // The group failed in the consumer's own statements: its first message alone, from its first attempt.
        await this.consumeAlone(topic, partition, items[next]!, heartbeat);
        resolveOffset(items[next]!.message.offset);
        next += 1;
        continue;
      }
      // Committed. Should a dead letter not go out, the error leaves the group unresolved: kafkajs delivers it
      // again, and the inbox turns its handled messages into duplicates.
      await this.settle(topic, partition, group, outcomes, startedAt);
      resolveOffset(group[group.length - 1]!.message.offset);
      next = end;
      await heartbeat();
    }
  }

  /** What a message is, before any database work: not ours, unusable (dead letter), or to be handled. */
  private async prepare(message: KafkaMessage): Promise<Prepared> {
    // A type this service does not handle is not its business, even if the rest of the message is broken.
    const type = headerText(message.headers, CloudEventHeaders.type);
    if (type !== undefined && !this.handlers.has(type)) return { kind: 'skip', message, type };

    const parsed = parseKafkaMessage(message);
    if (!parsed.ok)
      return {
        kind: 'invalid',
        message,
        error: parsed.error.reason,
        ...(type === undefined ? {} : { type }),
      };
    const registration = this.handlers.get(parsed.value.type)!;
    const eventId = parsed.value.id;

    const payload = await validatePayload(registration.definition, parsed.value.data);
    if (!payload.ok) return { kind: 'invalid', message, error: payload.error.message, type, eventId };
    const envelope: EventEnvelope<object> = { ...parsed.value, data: payload.value };
    return { kind: 'handle', message, type: envelope.type, eventId, envelope, registration };
  }

  /** After a group's transaction committed: its dead letters sent, then every outcome reported in order. */
  private async settle(
    topic: string,
    partition: number,
    group: readonly Prepared[],
    outcomes: ReadonlyMap<Prepared, 'processed' | 'duplicate'>,
    startedAt: number,
  ): Promise<void> {
    const invalid = group.filter((item) => item.kind === 'invalid');
    if (invalid.length > 0) await this.sendDeadLetters(topic, partition, invalid);
    for (const item of group) {
      if (item.kind === 'skip') {
        this.report(topic, partition, item.message, 'skipped', startedAt, { type: item.type });
      } else if (item.kind === 'invalid') {
        this.report(topic, partition, item.message, 'dead-lettered', startedAt, detailsOf(item));
      } else {
        const outcome = outcomes.get(item)!;
        this.report(topic, partition, item.message, outcome, startedAt, {
          type: item.type,
          eventId: item.eventId,
          attempts: outcome === 'duplicate' ? 0 : 1,
        });
      }
    }
  }

  /**
   * One message on its own, as every message was before batches: its own transaction, retried with backoff,
   * then the dead-letter topic. `failed` is an attempt already made (in a group) and how it failed.
   */
  private async consumeAlone(
    topic: string,
    partition: number,
    item: Prepared,
    heartbeat: () => Promise<void>,
    failed?: { attempt: number; error: unknown },
  ): Promise<void> {
    const startedAt = performance.now();
    if (item.kind === 'skip')
      return this.report(topic, partition, item.message, 'skipped', startedAt, { type: item.type });
    if (item.kind === 'invalid') {
      await this.sendDeadLetters(topic, partition, [item]);
      return this.report(topic, partition, item.message, 'dead-lettered', startedAt, detailsOf(item));
    }
    const { type, eventId } = item;
    let lastError = failed?.error;
    for (let attempt = (failed?.attempt ?? 0) + 1; ; attempt++) {
      if (lastError !== undefined) {
        const text = errorText(lastError);
        if (attempt - 1 > this.retryPolicy.retries) {
          const error = `handler failed after ${attempt - 1} attempts: ${text}`;
          await this.sendDeadLetters(topic, partition, [
            { kind: 'invalid', message: item.message, error, type, eventId },
          ]);
          return this.report(topic, partition, item.message, 'dead-lettered', startedAt, {
            type,
            eventId,
            attempts: attempt - 1,
            error,
          });
        }
        this.options.logger.warn(
          { type, eventId, attempt: attempt - 1, error: text },
          'event handler failed; retrying',
        );
        await sleep(retryDelayMs(this.retryPolicy, attempt - 1));
        await heartbeat();
      }
      try {
        const outcome = await this.processOnce(item.envelope, item.registration, topic);
        return this.report(topic, partition, item.message, outcome, startedAt, {
          type,
          eventId,
          attempts: outcome === 'duplicate' ? 0 : attempt,
        });
      } catch (error) {
        const reason = error instanceof HandlerFailure ? error.reason : error;
        // Postgres being away is no fault of the message: let kafkajs redeliver it later, uncommitted.
        if (isDatabaseUnavailable(reason)) throw error;
        lastError = reason;
      }
    }
  }

  private report(
    topic: string,
    partition: number,
    message: KafkaMessage,
    outcome: ConsumeOutcome,
    startedAt: number,
    details: Partial<ProcessedMessage> = {},
  ): void {
    this.counts[outcome] += 1;
    this.options.onProcessed?.({
      outcome,
      topic,
      partition,
      offset: message.offset,
      attempts: 0,
      durationMs: performance.now() - startedAt,
      ...details,
    });
  }

  /** The original messages on `<topic>.dlq`, in order, in one request; logged first. */
  private async sendDeadLetters(topic: string, partition: number, items: readonly Invalid[]): Promise<void> {
    for (const item of items)
      this.options.logger.warn(
        { topic, partition, offset: item.message.offset, ...detailsOf(item) },
        'message dead-lettered',
      );
    const letters = items.map((item) =>
      deadLetterMessage({
        topic,
        partition,
        message: item.message,
        error: item.error,
        consumerGroup: this.options.groupId,
      }),
    );
    await this.deadLetterProducer!.sendBatch({
      topicMessages: [{ topic: letters[0]!.topic, messages: letters.flatMap((l) => l.messages) }],
      acks: -1,
    });
  }

  private async purgeInbox(): Promise<void> {
    try {
      await this.options.dataSource.query(
        `DELETE FROM ${this.inbox} WHERE consumer_group = $1
           AND processed_at < now() - make_interval(secs => $2::double precision)`,
        [this.options.groupId, (this.options.inboxRetentionMs ?? DEFAULT_INBOX_RETENTION_MS) / 1000],
      );
    } catch (error) {
      this.options.logger.warn(
        { err: error, groupId: this.options.groupId },
        'inbox purge failed; will retry',
      );
    }
  }

  /**
   * A group's inbox rows and its handlers' effects, in one transaction. The inbox rows go in with one
   * statement; an event id already there (or earlier in the group) is a duplicate and its handler does not
   * run. A handler that throws aborts the whole group, naming its place in the group.
   */
  private processBatchOnce(
    topic: string,
    group: readonly Prepared[],
  ): Promise<Map<Prepared, 'processed' | 'duplicate'>> {
    const outcomes = new Map<Prepared, 'processed' | 'duplicate'>();
    const handled = group.filter((item): item is Handled => item.kind === 'handle');
    if (handled.length === 0) return Promise.resolve(outcomes);
    return this.options.dataSource.transaction(async (manager) => {
      const inserted: { event_id: string }[] = await manager.query(
        `INSERT INTO ${this.inbox} (consumer_group, event_id, topic, type)
         SELECT $1, event_id, $2, type FROM unnest($3::uuid[], $4::text[]) AS e (event_id, type)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.groupId, topic, handled.map((item) => item.eventId), handled.map((item) => item.type)],
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
          await item.registration.handler(item.envelope, manager);
        } catch (error) {
          throw new BatchHandlerFailure(group.indexOf(item), error);
        }
        outcomes.set(item, 'processed');
      }
      await flushOutboxWrites(manager);
      return outcomes;
    });
  }

  /** The inbox row and the handler's effect, in one transaction: both commit or neither does. */
  private processOnce(envelope: EventEnvelope<object>, registration: Registration, topic: string) {
    return this.options.dataSource.transaction(async (manager): Promise<'processed' | 'duplicate'> => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO ${this.inbox} (consumer_group, event_id, topic, type) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.groupId, envelope.id, topic, envelope.type],
      );
      if (inserted.length === 0) return 'duplicate';
      try {
        await registration.handler(envelope, manager);
      } catch (error) {
        throw new HandlerFailure(error);
      }
      return 'processed';
    });
  }
}
