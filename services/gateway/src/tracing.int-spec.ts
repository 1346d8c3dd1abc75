import { Body, Controller, HttpCode, Inject, Module, Post, Req } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { createLogger, createServiceApp, LOGGER, startTracing, stopTracing } from '@pac/bootstrap';
import { SystemClock } from '@pac/clock';
import { defineEvent, type TopicName } from '@pac/contracts';
import {
  createKafka,
  EventConsumer,
  messagingTablesMigration,
  Outbox,
  OutboxRelay,
  silentLogger,
} from '@pac/messaging';
import {
  createServiceDataSource,
  dropServiceDatabase,
  inTransaction,
  provisionServiceDatabase,
  runMigrations,
} from '@pac/persistence';
import { eventually, freePort, requiredEnv } from '@pac/testing';
import { IsString, IsUUID } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { GatewayConfig } from './gateway.config';
import { contextOf, Upstream } from './upstream/upstream';

/**
 * One trace from a gateway request to the handler of the event it caused, with the project's own pieces in one
 * process and an in-memory exporter: the gateway's request span (traceRequests), its call through `Upstream`
 * (traceparent header), the service's request span, which writes an event to the outbox (traceparent stored
 * with the row), the relay (traceparent as a Kafka header) and the consumer's span around the handler.
 */
class ThingRecorded {
  @IsUUID() tenantId!: string;
  @IsString() name!: string;
}

jest.setTimeout(90_000);

describe('tracing across HTTP and Kafka', () => {
  const exporter = new InMemorySpanExporter();
  const suffix = randomBytes(4).toString('hex');
  const schema = `tracetest_${suffix}`;
  const topic = `pac-test.tracing.${suffix}`;
  const definition = defineEvent(`test.thing-recorded.${suffix}`, topic as TopicName, ThingRecorded);
  const kafka = createKafka({
    brokers: requiredEnv('KAFKA_BROKERS'),
    clientId: schema,
    logger: silentLogger,
  });
  let dataSource: DataSource;
  let relay: OutboxRelay;
  let consumer: EventConsumer;
  let service: NestFastifyApplication;
  let gateway: NestFastifyApplication;
  let gatewayUrl: string;
  const handledIn: string[] = [];

  beforeAll(async () => {
    startTracing('tracing-test', {}, exporter);
    const adminUrl = requiredEnv('DATABASE_URL');
    dataSource = createServiceDataSource({
      url: await provisionServiceDatabase(adminUrl, schema, `pw-${suffix}`),
      schema,
      entities: [],
      migrations: [messagingTablesMigration(schema)],
    });
    await dataSource.initialize();
    await runMigrations(dataSource);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] });
    await admin.disconnect();

    const outbox = new Outbox({ schema, serviceName: schema, clock: new SystemClock() });
    @Controller()
    class ThingsController {
      @Post('things')
      @HttpCode(201)
      async record(@Body() body: ThingRecorded): Promise<void> {
        await inTransaction(dataSource, (manager) =>
          outbox.add(manager, { definition, tenantId: body.tenantId, data: body }),
        );
      }
    }
    @Module({ controllers: [ThingsController] })
    class ServiceModule {}
    const logger = createLogger('tracing-test', 'warn');
    service = await createServiceApp(ServiceModule, { logger });
    const servicePort = await freePort();
    await service.listen(servicePort, '127.0.0.1');

    const config = Object.assign(new GatewayConfig(), {
      TENANT_URL: [`http://127.0.0.1:${servicePort}`],
      INTERNAL_AUTH_SECRET: 'x'.repeat(32),
    });
    @Controller()
    class GatewayThingsController {
      constructor(@Inject(Upstream) private readonly upstream: Upstream) {}
      @Post('v1/things')
      @HttpCode(201)
      async record(@Body() body: ThingRecorded, @Req() request: FastifyRequest): Promise<void> {
        await this.upstream.call('tenant', { method: 'POST', path: '/things', body }, contextOf(request));
      }
    }
    @Module({
      controllers: [GatewayThingsController],
      providers: [
        Upstream,
        { provide: GatewayConfig, useValue: config },
        { provide: LOGGER, useValue: logger },
      ],
    })
    class GatewayishModule {}
    gateway = await createServiceApp(GatewayishModule, { logger });
    const gatewayPort = await freePort();
    await gateway.listen(gatewayPort, '127.0.0.1');
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;

    relay = new OutboxRelay({ dataSource, kafka, schema, logger: silentLogger, standbyRetryMs: 100 });
    relay.start();
    consumer = new EventConsumer({
      kafka,
      dataSource,
      schema,
      groupId: `${schema}-consumer`,
      logger: silentLogger,
    });
    consumer.handle(definition, async () => {
      handledIn.push(trace.getActiveSpan()?.spanContext().traceId ?? 'none');
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await relay?.stop();
    await gateway?.close();
    await service?.close();
    await dataSource?.destroy();
    await dropServiceDatabase(requiredEnv('DATABASE_URL'), schema).catch(() => undefined);
    await stopTracing();
  });

  it('gives the request, the service call and the event handler one trace', async () => {
    const response = await fetch(`${gatewayUrl}/v1/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId: randomUUID(), name: 'traced' }),
    });
    expect(response.status).toBe(201);
    await eventually(
      async () => handledIn.length,
      (count) => count === 1,
      { timeoutMs: 30_000 },
    );
    const spans = exporter.getFinishedSpans();
    const kind = (k: SpanKind, name: string): ReadableSpan =>
      spans.find((span) => span.kind === k && span.name === name)!;
    const gatewaySpan = kind(SpanKind.SERVER, 'POST /v1/things');
    const serviceSpan = kind(SpanKind.SERVER, 'POST /things');
    const handlerSpan = kind(SpanKind.CONSUMER, `process ${definition.type}`);
    const traceId = gatewaySpan.spanContext().traceId;

    expect(serviceSpan.spanContext().traceId).toBe(traceId);
    expect(serviceSpan.parentSpanContext?.spanId).toBe(gatewaySpan.spanContext().spanId);
    expect(handlerSpan.spanContext().traceId).toBe(traceId);
    expect(handlerSpan.parentSpanContext?.spanId).toBe(serviceSpan.spanContext().spanId);
    expect(handledIn).toEqual([traceId]);
    expect(handlerSpan.attributes['messaging.destination.name']).toBe(topic);
    expect(gatewaySpan.attributes['http.response.status_code']).toBe(201);
  });
});
