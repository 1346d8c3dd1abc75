import { Topics } from '@pac/contracts';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { StackOptions, stackDown, stackOptionsFromEnv, stackStatus, stackUp } from './index';
import { isProcessRunning } from './os-processes';
import { readState } from './stack-state';

// The local stack itself is under test, so servers named by the environment must not be used.
const EXTERNAL = ['DATABASE_URL', 'KAFKA_BROKERS'] as const;

describe('local stack (embedded Postgres + Kafka from Maven jars)', () => {
  const saved = new Map(EXTERNAL.map((name) => [name, process.env[name]]));
  let opts: StackOptions;

  beforeAll(async () => {
    EXTERNAL.forEach((name) => delete process.env[name]);
    const [pgPort, kafkaPort, kafkaControllerPort] = await freePorts(3);
    const dir = mkdtempSync(join(tmpdir(), 'pac-stack-int-'));
    opts = stackOptionsFromEnv({}, { dir, pgPort, kafkaPort, kafkaControllerPort });
  });

  afterAll(async () => {
    await stackDown(opts).catch(() => undefined);
    rmSync(opts.dir, { recursive: true, force: true });
    saved.forEach((value, name) =>
      value === undefined ? delete process.env[name] : (process.env[name] = value),
    );
  });

  it('starts both servers, serves real clients, reports and stops them', async () => {
    const stack = await stackUp(opts);
    expect(stack).toMatchObject({ startedPostgres: true, startedKafka: true });
    expect(stack.kafkaBrokers).toEqual([`127.0.0.1:${opts.kafkaPort}`]);

    const again = await stackUp(opts);
    expect(again).toEqual({ ...stack, startedPostgres: false, startedKafka: false });

    await expect(selectOne(stack.databaseUrl)).resolves.toBe(1);
    await expect(roundTrip(stack.kafkaBrokers, Topics.tenantCommands)).resolves.toBe('ping');

    const status = await stackStatus(opts);
    expect(status.postgres).toMatch(/^running \(pid \d+\)/);
    expect(status.kafka).toMatch(/^running \(pid \d+\)/);

    const { postgres, kafka } = readState(opts.dir);
    await stackDown(opts);
    expect(isProcessRunning(postgres?.pid ?? -1)).toBe(false);
    expect(isProcessRunning(kafka?.pid ?? -1)).toBe(false);
    await expect(stackStatus(opts)).resolves.toEqual({ postgres: 'stopped', kafka: 'stopped' });
  }, 300_000);
});

async function selectOne(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one ?? 0;
  } finally {
    await client.end();
  }
}

async function roundTrip(brokers: string[], topic: string): Promise<string> {
  const kafka = new Kafka({ clientId: 'stack-int-spec', brokers, logLevel: logLevel.WARN });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: `stack-int-spec-${Date.now()}` });
  await Promise.all([producer.connect(), consumer.connect()]);
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = new Promise<string>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(message.value?.toString() ?? '') });
    });
    await producer.send({ topic, messages: [{ key: 'tenant-1', value: 'ping' }] });
    return await received;
  } finally {
    // Leaving the group cleanly: the broker stops right after, and must not wait for a session timeout.
    await Promise.all([consumer.disconnect(), producer.disconnect()]);
  }
}

/** Ports the OS just handed out, so parallel runs and a developer's own stack never collide. */
async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  const ports = await Promise.all(
    servers.map(
      (server) =>
        new Promise<number>((resolve) =>
          server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
        ),
    ),
  );
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
