import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, problem, ProblemException, type Logger } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { TelemetryBatchReceived, type TelemetryEventInput } from '@pac/contracts';
import type { TelemetryKeyResolution } from '@pac/http-contracts';
import { createKafka, Partitioners, type Producer, toKafkaMessageOfJson } from '@pac/messaging';
import { GatewayConfig } from '../gateway.config';

/**
 * The most bytes of one ingest message's value: under Kafka's default largest message (1 MiB with its
 * headers), so that the topics need no setting of their own. A request near the 1 MB body limit goes as two
 * messages or more.
 */
export const MAX_INGEST_MESSAGE_BYTES = 900_000;

/**
 * Produces accepted telemetry batches to `admin-center.internal.telemetry-ingest`, keyed by tenant, and
 * resolves only once Kafka acknowledged them from all in-sync replicas (acks -1): the gateway answers 202
 * after that, so an accepted batch is on Kafka. Each message is a `telemetry.batch-received` CloudEvent whose
 * `ce_id` names the batch (the telemetry service stores it once, whatever the redeliveries). Kafka not
 * answering within TELEMETRY_PRODUCE_TIMEOUT_MS is a 503 with retry-after; such a batch may still land, and a
 * client that sends it again stores it twice (it is a new batch).
 */
@Injectable()
export class IngestProducer implements OnApplicationShutdown {
  private readonly producer: Producer;
  private connecting: Promise<void> | undefined;

  constructor(
    private readonly config: GatewayConfig,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'gateway', logger });
    // Idempotent, as every producer of the system: a retried send after a broker failover is not written twice.
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async send(
    source: TelemetryKeyResolution,
    events: readonly TelemetryEventInput[],
    requestId: string,
  ): Promise<void> {
    const messages = this.messagesOf(source, events);
    try {
      await this.withinDeadline(async () => {
        await this.connect();
        await this.producer.send({ topic: TelemetryBatchReceived.topic, messages, acks: -1 });
      });
    } catch (error) {
      this.logger.warn({ err: error, requestId }, 'telemetry batch not acknowledged by Kafka');
      throw new ProblemException(
        problem(503, 'telemetry cannot be accepted right now: Kafka did not acknowledge the batch', {
          code: 'dependency-unavailable',
          retryAfterSeconds: 2,
        }),
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
  }

  /** One message per part of the batch whose JSON fits MAX_INGEST_MESSAGE_BYTES (one, but for huge batches). */
  private messagesOf(source: TelemetryKeyResolution, events: readonly TelemetryEventInput[]) {
    const time = this.clock.now().toISOString();
    const eventsJson = JSON.stringify(events);
    const parts =
      eventsJson.length <= MAX_INGEST_MESSAGE_BYTES / 4 ||
      Buffer.byteLength(eventsJson) <= MAX_INGEST_MESSAGE_BYTES
        ? [eventsJson]
        : halves(events).map((part) => JSON.stringify(part));
    return parts.map((json) =>
      toKafkaMessageOfJson(
        {
          id: randomUUID(),
          type: TelemetryBatchReceived.type,
          source: '/services/gateway',
          time,
          subject: `tenants/${source.tenantId}/environments/${source.environmentName}`,
          tenantId: source.tenantId,
        },
        // The envelope's fields around the events' JSON, which is never parsed again here.
        `{"tenantId":${JSON.stringify(source.tenantId)},"partnerId":${JSON.stringify(source.partnerId)},` +
          `"environmentName":${JSON.stringify(source.environmentName)},"keyId":${JSON.stringify(source.keyId)},` +
          `"receivedAt":${JSON.stringify(time)},"events":${json}}`,
      ),
    );
  }

  private connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  private async withinDeadline(work: () => Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no acknowledgement within ${this.config.TELEMETRY_PRODUCE_TIMEOUT_MS} ms`)),
        this.config.TELEMETRY_PRODUCE_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([work(), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A batch cut in two, and each half again while its JSON is too big. */
function halves(events: readonly TelemetryEventInput[]): TelemetryEventInput[][] {
  if (events.length <= 1 || Buffer.byteLength(JSON.stringify(events)) <= MAX_INGEST_MESSAGE_BYTES)
    return [events.slice()];
  const middle = Math.ceil(events.length / 2);
  return [...halves(events.slice(0, middle)), ...halves(events.slice(middle))];
}
