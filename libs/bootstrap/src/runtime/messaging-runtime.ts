import type {
  BeforeApplicationShutdown,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { BrokerReachability, EventConsumer, OutboxRelay } from '@pac/messaging';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { EventHandler } from './event-handler';

/** How long an idle consumer's fetch waits at the broker for data before it asks again. */
const CONSUMER_MAX_WAIT_MS = 1_000;

/**
 * Starts a service's outbox relay and its consumers once the app is up, and stops them first on shutdown:
 * consumers leave their group (so a restart does not wait out a session timeout), then the relay, then the
 * database pool closes.
 */
export class MessagingRuntime
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly relay: OutboxRelay;
  private readonly consumer: EventConsumer | undefined;
  private readonly brokers: BrokerReachability;
  /** The consumer's start in the background (joining its group can take a session timeout after a crash). */
  private consuming: Promise<void> | undefined;
  private stopping = false;

  constructor(
    serviceName: string,
    private readonly dataSource: DataSource,
    kafka: Kafka,
    handlers: EventHandler[],
    private readonly logger: Logger,
    consumerOptions: { partitionsConsumedConcurrently?: number } = {},
  ) {
    this.relay = new OutboxRelay({ dataSource, kafka, schema: serviceName, logger });
    this.brokers = new BrokerReachability(kafka);
    if (handlers.length > 0) {
      const consumer = new EventConsumer({
        kafka,
        dataSource,
        schema: serviceName,
        groupId: serviceName,
        // A fetch returns as soon as a message arrives; this only bounds how often an idle consumer asks
        // again. At 100 ms, five idle consumers made the broker answer 50 empty fetches a second.
        maxWaitTimeInMs: CONSUMER_MAX_WAIT_MS,
        ...consumerOptions,
        logger,
      });
      // Several handlers may consume one event type (e.g. the tenant directory and the service's own):
      // they run one after the other in the same transaction, so they take effect together or not at all.
      for (const group of groupByEventType(handlers)) {
        consumer.handle(group[0]!.event, async (envelope, manager) => {
          for (const handler of group) await handler.handle(envelope, manager);
        });
      }
      this.consumer = consumer;
    }
  }

  /**
   * The relay starts at once; the consumer joins its group in the background, so that the service answers
   * HTTP without waiting: after a crash, the group waits up to a session timeout (10 s) for the dead member
   * before it lets the new one in, and requests must not wait for that (events are handled once it has joined).
   */
  onApplicationBootstrap(): void {
    this.relay.start();
    if (this.consumer) this.consuming = this.startConsuming(this.consumer);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.consuming;
    await this.consumer?.stop();
    await this.relay.stop();
    await this.brokers.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
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

  /** The relay runs, the consumer has joined its group and not crashed, and Kafka answers now. */
  async isReady(): Promise<boolean> {
    if (!this.relay.status().running || !(this.consumer?.readiness().ready ?? true)) return false;
    return this.brokers.isReachable();
  }
}

function groupByEventType(handlers: EventHandler[]): EventHandler[][] {
  const groups = new Map<string, EventHandler[]>();
  for (const handler of handlers)
    groups.set(handler.event.type, [...(groups.get(handler.event.type) ?? []), handler]);
  return [...groups.values()];
}
