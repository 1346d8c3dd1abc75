import type { EventDefinition } from '@pac/contracts';
import { assertServiceName } from '@pac/persistence';
import type { Consumer, Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { MessagingLogger } from '../logger';
import { ConsumerMetrics } from '../metrics/messaging-metrics';
import { OutcomeReport, type ConsumeOutcome, type ProcessedMessage } from './consume-outcome';
import { ConsumerReadiness, type EventConsumerReadiness } from './consumer-readiness';
import { DeadLetterSender } from './dead-letter-sender';
import { Inbox } from './inbox';
import { DEFAULT_MAX_MESSAGE_BYTES } from './message-limits';
import { consumePartitionBatch, type PartitionBatchDependencies } from './partition-batch';
import type { EventHandler, Registration } from './prepared-message';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';

export type { ConsumeOutcome, ProcessedMessage } from './consume-outcome';
export type { EventConsumerReadiness } from './consumer-readiness';
export type { EventHandler } from './prepared-message';

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
  /** Messages whose value is larger go to `<topic>.dlq` unread; default 512 KiB (DEFAULT_MAX_MESSAGE_BYTES). */
  maxMessageBytes?: number;
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

const DEFAULT_INBOX_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
const INBOX_PURGE_INTERVAL_MS = 60 * 60 * 1000;
const DEFAULT_MAX_BATCH_SIZE = 100;

/**
 * Reads events from Kafka and hands each to its handler exactly once in effect: the handler runs in the same
 * transaction as the insertion of the event id into the inbox (`Inbox`), so a redelivered event finds its id
 * there and is skipped. The messages of one partition fetched together are handled in groups (up to
 * `maxBatchSize`), one transaction per group (`consumePartitionBatch`), so a busy partition pays one commit
 * (one WAL flush) per group rather than per message. Offsets are resolved only once a message is processed,
 * skipped or dead-lettered, after its group committed. A message that cannot be parsed or validated goes
 * straight to `<topic>.dlq` (`DeadLetterSender`); a handler that keeps failing is retried with backoff first,
 * alone (the rest of its group commits without it). Either way the partition moves on.
 */
export class EventConsumer {
  private readonly handlers = new Map<string, Registration>();
  private readonly retryPolicy: RetryPolicy;
  private readonly inbox: Inbox;
  private readonly report: OutcomeReport;
  private readonly metrics: ConsumerMetrics;
  private readonly state = new ConsumerReadiness();
  private consumer: Consumer | undefined;
  private deadLetters: DeadLetterSender | undefined;
  private inboxPurge: NodeJS.Timeout | undefined;

  constructor(private readonly options: EventConsumerOptions) {
    assertServiceName(options.schema);
    this.inbox = new Inbox(options.dataSource, options.schema, options.groupId);
    this.metrics = new ConsumerMetrics(options.groupId, (type) => this.handlers.has(type));
    const onProcessed = options.onProcessed;
    this.report = new OutcomeReport((message) => {
      this.metrics.processed(message);
      onProcessed?.(message);
    });
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

    const deadLetters = new DeadLetterSender(kafka, groupId, logger);
    this.deadLetters = deadLetters;
    const consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      rebalanceTimeout: 10_000,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 1_000,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? 100,
    });
    this.consumer = consumer;
    this.state.follow(consumer, groupId, logger);
    const batches: PartitionBatchDependencies = {
      handlers: this.handlers,
      inbox: this.inbox,
      deadLetters,
      report: this.report,
      metrics: this.metrics,
      retryPolicy: this.retryPolicy,
      logger,
      maxBatchSize: Math.max(1, this.options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE),
      maxMessageBytes: this.options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    };

    try {
      await deadLetters.connect();
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
      await consumer.run({
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
        // Offsets are resolved as groups commit, never for messages not yet handled.
        eachBatchAutoResolve: false,
        eachBatch: (payload) => consumePartitionBatch(batches, payload),
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
      await this.deadLetters?.disconnect();
    } finally {
      this.consumer = undefined;
      this.deadLetters = undefined;
    }
  }

  readiness(): EventConsumerReadiness {
    return this.state.now();
  }

  /** Messages handled since start, by outcome. */
  stats(): Readonly<Record<ConsumeOutcome, number>> {
    return this.report.stats();
  }

  private async purgeInbox(): Promise<void> {
    try {
      await this.inbox.purge(this.options.inboxRetentionMs ?? DEFAULT_INBOX_RETENTION_MS);
    } catch (error) {
      this.options.logger.warn(
        { err: error, groupId: this.options.groupId },
        'inbox purge failed; will retry',
      );
    }
  }
}
