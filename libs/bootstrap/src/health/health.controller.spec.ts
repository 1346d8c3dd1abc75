import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { register } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { KafkaStatus, MessagingRuntime } from '../runtime/messaging-runtime';
import { DatabaseReadyCheck, KafkaReadyCheck } from '../runtime/ready-checks';
import { HealthController } from './health.controller';

/** The answer of GET /health/ready, as the reply received it. */
async function readiness(controller: HealthController): Promise<{ code: number; body: unknown }> {
  const answer = { code: 0, body: undefined as unknown };
  const reply = {
    status(code: number) {
      answer.code = code;
      return reply;
    },
    send(body: unknown) {
      answer.body = body;
      return reply;
    },
  };
  await controller.ready(reply as unknown as FastifyReply);
  return answer;
}

function database(up: boolean): DatabaseReadyCheck {
  const dataSource = {
    query: async () => {
      if (!up) throw new Error('connect ECONNREFUSED');
      return [{ '?column?': 1 }];
    },
  };
  return new DatabaseReadyCheck(dataSource as unknown as DataSource);
}

function kafka(status: () => KafkaStatus): { check: KafkaReadyCheck; warnings: string[]; infos: string[] } {
  const warnings: string[] = [];
  const infos: string[] = [];
  const logger = {
    warn: (_: object, msg: string) => void warnings.push(msg),
    info: (_: object, msg: string) => void infos.push(msg),
  } as unknown as Logger;
  const runtime = { kafkaStatus: async () => status() } as unknown as MessagingRuntime;
  return { check: new KafkaReadyCheck(runtime, logger), warnings, infos };
}

const KAFKA_UP: KafkaStatus = { reachable: true, relayRunning: true, relayFailedAttempts: 0 };
const KAFKA_DOWN: KafkaStatus = { reachable: false, relayRunning: true, relayFailedAttempts: 3 };

describe('GET /health/ready of a domain service: can it serve its own requests', () => {
  it('is ready while Kafka is down (the outbox keeps the events), and says so in the body', async () => {
    const controller = new HealthController([database(true), kafka(() => KAFKA_DOWN).check]);
    expect(await readiness(controller)).toEqual({
      code: 200,
      body: { status: 'degraded', checks: { database: 'up', kafka: 'down' } },
    });
  });

  it('is not ready without its database, whatever Kafka does', async () => {
    const controller = new HealthController([database(false), kafka(() => KAFKA_UP).check]);
    expect(await readiness(controller)).toEqual({
      code: 503,
      body: { status: 'unavailable', checks: { database: 'down', kafka: 'up' } },
    });
  });

  it('is ok when everything is up', async () => {
    const controller = new HealthController([database(true), kafka(() => KAFKA_UP).check]);
    expect(await readiness(controller)).toEqual({
      code: 200,
      body: { status: 'ok', checks: { database: 'up', kafka: 'up' } },
    });
  });
});

describe('the Kafka check', () => {
  it('counts a consumer that has not joined its group as down', async () => {
    const consumer = { ready: false, connected: true, joinedGroup: false };
    const { check } = kafka(() => ({ ...KAFKA_UP, consumer }));
    expect(await check.isReady()).toBe(false);
  });

  it('logs each change once and sets the messaging_kafka_up gauge', async () => {
    let status = KAFKA_UP;
    const { check, warnings, infos } = kafka(() => status);
    const gauge = async () => (await register.getSingleMetric('messaging_kafka_up')!.get()).values[0]!.value;

    await check.isReady();
    await check.isReady();
    expect(await gauge()).toBe(1);
    status = KAFKA_DOWN;
    await check.isReady();
    await check.isReady();
    await check.isReady();
    expect(await gauge()).toBe(0);
    status = KAFKA_UP;
    await check.isReady();

    expect(infos).toEqual(['kafka is up', 'kafka is up']);
    expect(warnings).toEqual(['kafka is down: events wait in the outbox; requests are served']);
  });
});
