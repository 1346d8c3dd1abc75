import { SystemClock } from '@pac/clock';
import { deadLetterTopicOf, type EventDefinition } from '@pac/contracts';
import {
  createServiceDataSource,
  dropServiceDatabase,
  inTransaction,
  provisionServiceDatabase,
  runMigrations,
} from '@pac/persistence';
import type { Admin, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import {
  createKafka,
  EventConsumer,
  eventSourceOf,
  eventSubjectOf,
  messagingTablesMigration,
  Outbox,
  OutboxRelay,
  silentLogger,
  type EventConsumerOptions,
  type EventEnvelope,
  type MessagingLogger,
  type OutboxRelayOptions,
  type ProcessedMessage,
} from '../src';
import { requiredEnvironment } from './environment';
import { defineThingHappened, type ThingHappenedData } from './thing-happened';

/** Set MESSAGING_TEST_LOGS=1 to see the library's warnings and errors while debugging a test. */
export const testLogger: MessagingLogger =
  process.env['MESSAGING_TEST_LOGS'] === '1'
    ? {
        info: () => undefined,
        debug: () => undefined,
        warn: (obj, msg) => console.warn(msg ?? '', obj),
        error: (obj, msg) => console.error(msg ?? '', obj),
      }
    : silentLogger;

export interface Effect {
  event_id: string;
  tenant_id: string;
  sequence: number;
}

export interface ReceivedMessage {
  partition: number;
  message: KafkaMessage;
}

/** Polls until `probe` returns something other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(
  description: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function effectsMigration(schema: string): new () => MigrationInterface {
  return class TestEffects1767225600001 implements MigrationInterface {
    async up(queryRunner: QueryRunner): Promise<void> {
      // No unique constraint on purpose: a handler that ran twice would show up as two rows.
      await queryRunner.query(
        `CREATE TABLE "${schema}".effects (id bigserial PRIMARY KEY, event_id uuid NOT NULL, tenant_id uuid NOT NULL,
           sequence int NOT NULL, recorded_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
      );
    }
    async down(): Promise<void> {}
  };
}

/**
 * A throwaway service for one test file: its own role and schema (with the messaging tables and an
 * `effects` table the handlers write to), its own topic and dead-letter topic, and a test event type.
 */
export class MessagingTestBed {
  readonly outbox: Outbox;
  readonly deadLetterTopic: string;
  private readonly relays: OutboxRelay[] = [];
  private readonly consumers: EventConsumer[] = [];
  private readonly groups: string[] = [];

  private constructor(
    readonly suffix: string,
    readonly schema: string,
    readonly serviceUrl: string,
    readonly dataSource: DataSource,
    readonly kafka: Kafka,
    readonly admin: Admin,
    readonly producer: Producer,
    readonly topic: string,
    readonly definition: EventDefinition<ThingHappenedData>,
  ) {
    this.deadLetterTopic = deadLetterTopicOf(topic);
    this.outbox = new Outbox({ schema, serviceName: schema, clock: new SystemClock() });
  }

  static async create(options: { partitions?: number } = {}): Promise<MessagingTestBed> {
    const adminUrl = requiredEnvironment('DATABASE_URL');
    const brokers = requiredEnvironment('KAFKA_BROKERS');
    const suffix = randomBytes(4).toString('hex');
    const schema = `msgtest_${suffix}`;
    const serviceUrl = await provisionServiceDatabase(adminUrl, schema, `pw-${suffix}`);
    const dataSource = createServiceDataSource({
      url: serviceUrl,
      schema,
      entities: [],
      migrations: [messagingTablesMigration(schema), effectsMigration(schema)],
    });
    await dataSource.initialize();
    await runMigrations(dataSource);

    const kafka = createKafka({ brokers, clientId: `test-${suffix}`, logger: testLogger });
    const admin = kafka.admin();
    await admin.connect();
    const topic = `pac-test.messaging.${suffix}`;
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic, numPartitions: options.partitions ?? 3 },
        { topic: deadLetterTopicOf(topic), numPartitions: 1 },
      ],
    });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    return new MessagingTestBed(
      suffix,
      schema,
      serviceUrl,
      dataSource,
      kafka,
      admin,
      producer,
      topic,
      defineThingHappened(topic, suffix),
    );
  }

  /** A relay on this bed's schema, stopped by dispose(). */
  relay(options: Partial<OutboxRelayOptions> = {}): OutboxRelay {
    const relay = new OutboxRelay({
      dataSource: this.dataSource,
      kafka: this.kafka,
      schema: this.schema,
      logger: testLogger,
      standbyRetryMs: 100,
      ...options,
    });
    this.relays.push(relay);
    return relay;
  }

  /**
   * A consumer in a group of its own whose handler records an effect row; the outcomes it reports are
   * collected in `processed`. `beforeEffect` lets a test make the handler fail.
   */
  consumer(
    options: Partial<EventConsumerOptions> & {
      beforeEffect?: (envelope: EventEnvelope<ThingHappenedData>) => void;
    } = {},
  ): { consumer: EventConsumer; processed: ProcessedMessage[] } {
    const processed: ProcessedMessage[] = [];
    const groupId = options.groupId ?? `test-consumer-${this.suffix}-${this.groups.length}`;
    this.groups.push(groupId);
    const consumer = new EventConsumer({
      kafka: this.kafka,
      dataSource: this.dataSource,
      schema: this.schema,
      groupId,
      logger: testLogger,
      retry: { initialDelayMs: 10, multiplier: 2 },
      ...options,
      onProcessed: (message) => {
        processed.push(message);
        options.onProcessed?.(message);
      },
    });
    consumer.handle(this.definition, async (envelope, manager) => {
      options.beforeEffect?.(envelope);
      await manager.query(
        `INSERT INTO "${this.schema}".effects (event_id, tenant_id, sequence) VALUES ($1, $2, $3)`,
        [envelope.id, envelope.tenantId, envelope.data.sequence],
      );
    });
    this.consumers.push(consumer);
    return { consumer, processed };
  }

  /** An event of this bed's type for the tenant, as a producer elsewhere would send it (not committed here). */
  envelope(tenantId: string, sequence: number): EventEnvelope<ThingHappenedData> {
    return {
      id: randomUUID(),
      type: this.definition.type,
      source: eventSourceOf('test'),
      time: new Date().toISOString(),
      subject: eventSubjectOf(tenantId),
      tenantId,
      data: { tenantId, sequence, label: `event ${sequence}` },
    };
  }

  /** Commits one event through the outbox, as a service's command would. */
  commitEvent(tenantId: string, sequence: number): Promise<EventEnvelope<ThingHappenedData>> {
    return inTransaction(this.dataSource, (manager) =>
      this.outbox.add(manager, {
        definition: this.definition,
        tenantId,
        data: { tenantId, sequence, label: `event ${sequence}` },
      }),
    );
  }

  async effects(): Promise<Effect[]> {
    return this.dataSource.query(
      `SELECT event_id, tenant_id, sequence FROM "${this.schema}".effects ORDER BY id`,
    );
  }

  async unpublishedEventIds(): Promise<string[]> {
    const rows: { event_id: string }[] = await this.dataSource.query(
      `SELECT event_id FROM "${this.schema}".outbox WHERE published_at IS NULL ORDER BY id`,
    );
    return rows.map((row) => row.event_id);
  }

  /** How many messages a topic holds: exact, with no waiting, unlike reading it. */
  async messageCount(topic: string): Promise<number> {
    const offsets = await this.admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  }

  /** Reads a topic from the beginning until it has `count` messages. */
  async readTopic(topic: string, count: number, timeoutMs = 20_000): Promise<ReceivedMessage[]> {
    const groupId = `test-reader-${this.suffix}-${this.groups.length}`;
    this.groups.push(groupId);
    const reader = this.kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    const received: ReceivedMessage[] = [];
    await reader.connect();
    try {
      await reader.subscribe({ topics: [topic], fromBeginning: true });
      await reader.run({
        eachMessage: async ({ partition, message }) => void received.push({ partition, message }),
      });
      await eventually(`${count} messages on ${topic}`, () => received.length >= count, timeoutMs);
    } finally {
      await reader.disconnect();
    }
    return received;
  }

  async dispose(): Promise<void> {
    await Promise.allSettled(this.relays.map((relay) => relay.stop()));
    await Promise.allSettled(this.consumers.map((consumer) => consumer.stop()));
    await this.producer.disconnect().catch(() => undefined);
    await this.admin.deleteGroups(this.groups).catch(() => undefined);
    await this.admin.deleteTopics({ topics: [this.topic, this.deadLetterTopic] }).catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
    await this.dataSource.destroy().catch(() => undefined);
    await dropServiceDatabase(requiredEnvironment('DATABASE_URL'), this.schema);
  }
}
