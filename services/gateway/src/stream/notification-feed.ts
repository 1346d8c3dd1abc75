import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { LOGGER, problem, ProblemException, type Logger } from '@pac/bootstrap';
import { NotificationCreated, Topics, type NotificationCreatedData } from '@pac/contracts';
import type { NotificationStreamPage } from '@pac/http-contracts';
import { type Consumer, createKafka, parseKafkaMessage } from '@pac/messaging';
import { randomUUID } from 'node:crypto';
import { GatewayConfig } from '../gateway.config';
import { jsonOf, problemOf, Upstream } from '../upstream/upstream';
import { PartnerStream, type StreamItem, type StreamSubscriber } from './partner-stream';

/**
 * What `GET /v1/stream` is fed with, in this gateway instance: every `notification.created` of every partner,
 * read from `admin-center.notification.v1` in a consumer group of this instance alone (`gateway-stream-<uuid>`,
 * from the newest offset), so that each instance sees all notifications whichever instance a partner's front
 * end is connected to. Only partners with an open stream here are followed (a PartnerStream each, which puts
 * their notifications in order and fills gaps from the notification service). The gateway has no database:
 * what a stream missed (a resumed connection, a gap) comes from the notification service's catch-up API.
 */
@Injectable()
export class NotificationFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly streams = new Map<string, PartnerStream>();
  private consumer: Consumer | undefined;
  /** Joined its group and fetched once (the newest offsets are then fixed): what is committed from now on arrives. */
  private following = false;
  private stopping = false;

  constructor(
    private readonly config: GatewayConfig,
    private readonly upstream: Upstream,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.KAFKA_BROKERS) void this.follow(this.config.KAFKA_BROKERS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.consumer?.disconnect().catch(() => undefined);
  }

  /** Whether streams can be served: the feed follows the topic. */
  get live(): boolean {
    return this.following;
  }

  /** Open streams of this instance, for metrics and benchmarks. */
  get subscriberCount(): number {
    let count = 0;
    for (const stream of this.streams.values()) count += stream.subscribers.size;
    return count;
  }

  /**
   * Subscribes to a partner's stream, ready (it knows the partner's position); `subscriber` gets every later
   * notification in order. Resolves to the position it starts after.
   */
  async subscribe(partnerId: string, subscriber: StreamSubscriber): Promise<number> {
    let stream = this.streams.get(partnerId);
    if (!stream) {
      stream = new PartnerStream(
        (after) => this.catchUp({ subject: 'gateway:stream', partnerId, roles: ['partner:viewer'] }, after),
        (error) =>
          this.logger.warn({ err: error, partnerId }, 'stream catch-up failed; the next gap tries again'),
      );
      this.streams.set(partnerId, stream);
    }
    const created = stream;
    try {
      await created.ready;
    } catch (error) {
      if (created.subscribers.size === 0 && this.streams.get(partnerId) === created)
        this.streams.delete(partnerId);
      throw error;
    }
    created.subscribers.add(subscriber);
    return created.current;
  }

  unsubscribe(partnerId: string, subscriber: StreamSubscriber): void {
    const stream = this.streams.get(partnerId);
    if (!stream) return;
    stream.subscribers.delete(subscriber);
    if (stream.subscribers.size === 0) this.streams.delete(partnerId);
  }

  /** The caller's notifications after a position, from the notification service (its own scope rules). */
  async catchUp(caller: Caller, after: number | undefined): Promise<NotificationStreamPage> {
    const answer = await this.upstream.call(
      'notification',
      { method: 'GET', path: '/notification-stream', ...(after !== undefined ? { query: { after } } : {}) },
      { caller, requestId: randomUUID() },
    );
    const page = jsonOf<NotificationStreamPage>(answer);
    if (answer.status !== 200 || !page) throw new ProblemException(problemOf(answer));
    return page;
  }

  private async follow(brokers: string): Promise<void> {
    for (let attempt = 0; !this.stopping; attempt += 1) {
      try {
        await this.start(brokers);
        return;
      } catch (error) {
        const retryInMs = Math.min(500 * 2 ** attempt, 10_000);
        this.logger.warn({ err: error, retryInMs }, 'notification feed could not start; retrying');
        await new Promise((resolve) => setTimeout(resolve, retryInMs));
      }
    }
  }

  private async start(brokers: string): Promise<void> {
    const kafka = createKafka({ brokers, clientId: 'gateway-stream', logger: this.logger });
    const consumer = kafka.consumer({
      groupId: `gateway-stream-${randomUUID()}`,
      allowAutoTopicCreation: false,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      // A fetch returns as soon as a message arrives; this only bounds how often an idle feed asks again.
      maxWaitTimeInMs: 1_000,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      // Whatever was committed while this instance was out of its group comes from the catch-up.
      for (const stream of this.streams.values()) stream.resync();
    });
    consumer.on(consumer.events.FETCH, () => {
      if (!this.following) this.logger.info('notification feed follows admin-center.notification.v1');
      this.following = true;
    });
    consumer.on(consumer.events.CRASH, () => {
      this.following = false;
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [Topics.notification], fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const parsed = parseKafkaMessage(message);
        if (!parsed.ok || parsed.value.type !== NotificationCreated.type) return;
        const data = parsed.value.data as NotificationCreatedData;
        this.streams.get(data.partnerId)?.offer(streamItemOf(data));
      },
    });
  }
}

function streamItemOf(data: NotificationCreatedData): StreamItem {
  return {
    sequence: data.sequence,
    tenantId: data.tenantId,
    text: data.text,
    notification: {
      id: data.notificationId,
      tenantId: data.tenantId,
      environmentName: data.environmentName,
      type: data.type,
      severity: data.severity,
      links: data.links,
      createdAt: data.createdAt,
      readAt: null,
    },
  };
}

/** 503 stream-unavailable: the feed does not follow the topic (yet): the client comes back later. */
export function streamUnavailable(): ProblemException {
  return new ProblemException(
    problem(503, 'the live stream cannot follow notifications right now', {
      code: 'stream-unavailable',
      retryAfterSeconds: 5,
    }),
  );
}
