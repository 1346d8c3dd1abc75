/**
 * One consumer in a process of its own, so that its CPU can be read alone (messaging-throughput's low-rate
 * part): the library's EventConsumer used directly (`plain`), or through the Nest transport as the services run
 * it (`nest`: an @EventPattern controller on InboxTransport). Prints "ready" once it has joined its group.
 * Usage: node dist/bench/messaging-consumer-process.js <serviceUrl> <brokers> <schema> <topic> plain|nest
 */
import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { InboxTransaction, InboxTransport, MessagingRuntime, startEventConsumers } from '@pac/bootstrap';
import { TenantCreated, type TenantCreatedData } from '@pac/contracts';
import { createKafka, EventConsumer, silentLogger, type EventEnvelope } from '@pac/messaging';
import { pino } from 'pino';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager } from 'typeorm';
import { benchDataSource, recordEffect } from './messaging-bench-setup';

const [serviceUrl, brokers, schema, topic, mode] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
/** As the services consume: four partitions at once, an idle fetch waiting up to 1 s at the broker. */
const CONSUMER = { partitionsConsumedConcurrently: 4, maxWaitTimeInMs: 1_000 };

async function main(): Promise<void> {
  const dataSource = await benchDataSource(serviceUrl, schema);
  const kafka = createKafka({ brokers, clientId: `bench-consumer-${mode}`, logger: silentLogger });
  let ready: () => Promise<boolean>;
  let stop: () => Promise<void>;
  if (mode === 'plain') {
    const consumer = new EventConsumer({
      kafka,
      dataSource,
      schema,
      groupId: `bench-${mode}`,
      logger: silentLogger,
      topics: [topic],
      ...CONSUMER,
    }).handle(TenantCreated, (envelope, manager) => recordEffect(schema, manager, envelope));
    await consumer.start();
    ready = async () => consumer.readiness().ready;
    stop = () => consumer.stop();
  } else {
    const runtime = new MessagingRuntime(`${schema}`, dataSource, kafka, pino({ level: 'silent' }), {
      partitionsConsumedConcurrently: CONSUMER.partitionsConsumedConcurrently,
      groupId: `bench-${mode}`,
      topics: [topic],
    });
    @Controller()
    class OnTenantCreated {
      @EventPattern(TenantCreated.type)
      handle(
        @Payload() envelope: EventEnvelope<TenantCreatedData>,
        @InboxTransaction() manager: EntityManager,
      ): Promise<void> {
        return recordEffect(schema, manager, envelope);
      }
    }
    @Module({
      controllers: [OnTenantCreated],
      providers: [{ provide: InboxTransport, useValue: new InboxTransport(runtime) }],
    })
    class BenchModule {}
    const app = await NestFactory.create(BenchModule, new FastifyAdapter(), { logger: false });
    await startEventConsumers(app);
    ready = async () => (await runtime.kafkaStatus()).consumer?.ready ?? false;
    stop = () => app.close();
  }
  while (!(await ready())) await sleep(50);
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => {
    void stop()
      .then(() => dataSource.destroy())
      .finally(() => process.exit(0));
  });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
