import type { EventDefinition } from '@pac/contracts';
import { assertServiceName } from '@pac/persistence';
import { Partitioners, type Consumer, type EachMessagePayload, type Kafka, type Producer } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '../envelope/event-envelope';
import { CloudEventHeaders } from '../envelope/event-envelope';
import { headerText, parseKafkaMessage } from '../envelope/kafka-message';
import { validatePayload } from '../envelope/validate-payload';
import type { MessagingLogger } from '../logger';
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

/**
 * Reads events from Kafka and hands each to its handler exactly once in effect: the handler runs in the same
 * transaction as the insertion of the event id into the inbox, so a redelivered event finds its id there and
 * is skipped. Offsets are committed only once a message is processed, skipped or dead-lettered. A message
 * that cannot be parsed or validated goes straight to `<topic>.dlq`; a handler that keeps failing is retried
 * with backoff first. Either way the partition moves on.
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
        eachMessage: (payload) => this.consume(payload),
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

  private async consume({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const startedAt = performance.now();
    const report = (outcome: ConsumeOutcome, details: Partial<ProcessedMessage> = {}) => {
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
    };
    const deadLetter = async (error: string, details: Partial<ProcessedMessage>) => {
      this.options.logger.warn(
        { topic, partition, offset: message.offset, error, ...details },
        'message dead-lettered',
      );
      await this.deadLetterProducer!.sendBatch({
        topicMessages: [
          deadLetterMessage({ topic, partition, message, error, consumerGroup: this.options.groupId }),
        ],
        acks: -1,
      });
      report('dead-lettered', { ...details, error });
    };

    // A type this service does not handle is not its business, even if the rest of the message is broken.
    const type = headerText(message.headers, CloudEventHeaders.type);
    if (type !== undefined && !this.handlers.has(type)) return report('skipped', { type });

    const parsed = parseKafkaMessage(message);
    if (!parsed.ok) return deadLetter(parsed.error.reason, type === undefined ? {} : { type });
    const registration = this.handlers.get(parsed.value.type)!;
    const eventId = parsed.value.id;

    const payload = await validatePayload(registration.definition, parsed.value.data);
    if (!payload.ok) return deadLetter(payload.error.message, { type, eventId });
    const envelope: EventEnvelope<object> = { ...parsed.value, data: payload.value };

    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.processOnce(envelope, registration, topic);
        return report(outcome, { type, eventId, attempts: outcome === 'duplicate' ? 0 : attempt });
      } catch (error) {
        // Postgres being away is no fault of the message: let kafkajs redeliver it later, uncommitted.
        if (isDatabaseUnavailable(error instanceof HandlerFailure ? error.reason : error)) throw error;
        const reason = error instanceof HandlerFailure ? error.reason : error;
        const text = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
        if (attempt > this.retryPolicy.retries) {
          return deadLetter(`handler failed after ${attempt} attempts: ${text}`, {
            type,
            eventId,
            attempts: attempt,
          });
        }
        this.options.logger.warn({ type, eventId, attempt, error: text }, 'event handler failed; retrying');
        await sleep(retryDelayMs(this.retryPolicy, attempt));
        await heartbeat();
      }
    }
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
