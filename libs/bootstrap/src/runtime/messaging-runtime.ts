import type {
  BeforeApplicationShutdown,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { EventDefinition } from '@pac/contracts';
import {
  BrokerReachability,
  EventConsumer,
  type EventConsumerOptions,
  type EventConsumerReadiness,
  type EventHandler,
  type Kafka,
  OutboxRelay,
} from '@pac/messaging';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';

/** How long an idle consumer's fetch waits at the broker for data before it asks again. */
const CONSUMER_MAX_WAIT_MS = 1_000;

/** What the service's Kafka side is doing: reported by the health body, never a reason to be unready. */
export interface KafkaStatus {
  /** The cluster answered a metadata request just now (at most one request a second). */
  reachable: boolean;
  /** The outbox relay runs (it may be a standby: another instance holds the schema's lock). */
  relayRunning: boolean;
  /** Sessions the relay tried in vain since the last one that worked. */
  relayFailedAttempts: number;
  /** The consumer's state; absent when the service consumes nothing. */
  consumer?: EventConsumerReadiness;
}

/** One event type's handler for the consumer: its contract and the function that runs in the inbox transaction. */
export interface ConsumedEvent {
  definition: EventDefinition;
  handle: EventHandler<object>;
}

/**
 * A service's outbox relay and its idempotent consumer. The relay starts once the app is up; the consumer is
 * started by the Nest transport (`InboxTransport`), with the `@EventPattern` handlers Nest found. On shutdown
 * the consumer stops first (it leaves its group, so a restart does not wait out a session timeout), then the
 * relay, then the database pool closes.
 */
export class MessagingRuntime
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly relay: OutboxRelay;
  private consumer: EventConsumer | undefined;
  private readonly brokers: BrokerReachability;
  /** The consumer's start in the background (joining its group can take a session timeout after a crash). */
  private consuming: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly serviceName: string,
    private readonly dataSource: DataSource,
    private readonly kafka: Kafka,
    private readonly logger: Logger,
    /** Concurrency for the services; a group and topics of their own for benchmarks. */
    private readonly consumerOptions: Partial<
      Pick<EventConsumerOptions, 'partitionsConsumedConcurrently' | 'groupId' | 'topics' | 'maxMessageBytes'>
    > = {},
  ) {
    this.relay = new OutboxRelay({ dataSource, kafka, schema: serviceName, logger });
    this.brokers = new BrokerReachability(kafka);
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  /**
   * Starts consuming the given event types, in the consumer group named after the service. Resolves at once:
   * the consumer joins its group in the background, so that the service answers HTTP without waiting (after a
   * crash, the group waits up to a session timeout, 10 s, for the dead member before it lets the new one in;
   * events are handled once it has joined), and it tries again while Kafka is down at boot.
   */
  startConsumer(events: readonly ConsumedEvent[]): Promise<void> {
    if (this.consumer || events.length === 0) return Promise.resolve();
    const consumer = new EventConsumer({
      kafka: this.kafka,
      dataSource: this.dataSource,
      schema: this.serviceName,
      groupId: this.serviceName,
      // A fetch returns as soon as a message arrives; this only bounds how often an idle consumer asks
      // again. At 100 ms, five idle consumers made the broker answer 50 empty fetches a second.
      maxWaitTimeInMs: CONSUMER_MAX_WAIT_MS,
      ...this.consumerOptions,
      logger: this.logger,
    });
    for (const event of events) consumer.handle(event.definition, event.handle);
    this.consumer = consumer;
    this.stopping = false;
    this.consuming = this.startConsuming(consumer);
    return Promise.resolve();
  }

  /** Leaves the group (once a start in progress has settled). */
  async stopConsumer(): Promise<void> {
    this.stopping = true;
    await this.consuming;
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.stop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stopConsumer();
    await this.relay.stop();
    await this.brokers.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  async kafkaStatus(): Promise<KafkaStatus> {
    const relay = this.relay.status();
    return {
      reachable: await this.brokers.isReachable(),
      relayRunning: relay.running,
      relayFailedAttempts: relay.failedAttempts,
      ...(this.consumer ? { consumer: this.consumer.readiness() } : {}),
    };
  }

  /** Tries until the consumer has started (Kafka may be down at boot): the outbox keeps events meanwhile. */
  private async startConsuming(consumer: EventConsumer): Promise<void> {
    for (let attempt = 0; !this.stopping; attempt += 1) {
      try {
        await consumer.start();
        return;
      } catch (error) {
        const retryInMs = Math.min(500 * 2 ** attempt, 10_000);
        this.logger.warn({ err: error, retryInMs }, 'event consumer could not start; retrying');
        await new Promise((resolve) => setTimeout(resolve, retryInMs));
      }
    }
  }
}
