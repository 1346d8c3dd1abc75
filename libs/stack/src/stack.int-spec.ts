import { randomUUID } from 'node:crypto';
import { Kafka, KafkaLogLevel as logLevel, Partitioners } from '@pac/messaging';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  StackOptions,
  stackDown,
  stackOptionsFromEnv,
  stackStatus,
  stackUp,
  stopWhatStackUpStarted,
} from './index';
import { parseBrokers } from './kafka/kafka-stack';
import { localDatabaseUrl } from './postgres/local-postgres';
import { isProcessRunning, stopProcess } from './os-processes';
import { readState } from './stack-state';
import { freePorts } from '@pac/testing';
import { createTransport } from 'nodemailer';
import { readMailbox } from './mail/mailbox';

/**
 * The servers the developer gave `npm test` in DATABASE_URL / KAFKA_BROKERS (the test runner passes them on as
 * EXTERNAL_*, since it sets DATABASE_URL / KAFKA_BROKERS of the tests to its own stack either way). The stack
 * must use a given server as it is and leave it alone, and start the other half itself: on a machine without
 * Java, with KAFKA_BROKERS given, no Kafka is started at all.
 */
const given = {
  databaseUrl: process.env['EXTERNAL_DATABASE_URL']?.trim() || undefined,
  kafkaBrokers: parseBrokers(process.env['EXTERNAL_KAFKA_BROKERS']),
};
const localKafka = given.kafkaBrokers.length === 0;
// SMTP_URL is left out here: the local SMTP server is what these tests check.
const EXTERNAL = ['DATABASE_URL', 'KAFKA_BROKERS', 'SMTP_URL'] as const;

/**
 * A stack folder of its own for one describe block, with DATABASE_URL as given (KAFKA_BROKERS as the developer
 * gave it): what the block started is stopped after it, the folder removed and the environment restored.
 */
function stackFolderForBlock(databaseUrl: string | undefined): () => StackOptions {
  const saved = new Map(EXTERNAL.map((name) => [name, process.env[name]]));
  let opts: StackOptions;
  beforeAll(async () => {
    setEnv('DATABASE_URL', databaseUrl);
    setEnv('KAFKA_BROKERS', localKafka ? undefined : given.kafkaBrokers.join(','));
    setEnv('SMTP_URL', undefined);
    opts = await freshStackOptions();
  });
  afterAll(async () => {
    await stackDown(opts).catch(() => undefined);
    rmSync(opts.dir, { recursive: true, force: true });
    saved.forEach((value, name) => setEnv(name, value));
  });
  return () => opts;
}

describe('local stack (embedded Postgres + Kafka from Maven jars) or the servers the environment names', () => {
  // stackUp reads the environment: exactly what the developer configured, not the test runner's own stack.
  const stackOptions = stackFolderForBlock(given.databaseUrl);

  it('uses the given servers and starts the others, serves real clients, reports, and stops only what it started', async () => {
    const opts = stackOptions();
    const stack = await stackUp(opts);
    expect(stack).toEqual({
      databaseUrl: given.databaseUrl ?? localDatabaseUrl(opts.pgPort),
      kafkaBrokers: localKafka ? [`127.0.0.1:${opts.kafkaPort}`] : given.kafkaBrokers,
      smtpUrl: `smtp://127.0.0.1:${opts.smtpPort}`,
      startedPostgres: given.databaseUrl === undefined,
      startedKafka: localKafka,
      startedSmtp: true,
    });

    const again = await stackUp(opts);
    expect(again).toEqual({ ...stack, startedPostgres: false, startedKafka: false, startedSmtp: false });

    await expect(selectOne(stack.databaseUrl)).resolves.toBe(1);
    await expect(roundTrip(stack.kafkaBrokers)).resolves.toBe('ping');
    // The local SMTP server keeps what it receives where tests and developers read it.
    await createTransport({ url: stack.smtpUrl } as Parameters<typeof createTransport>[0]).sendMail({
      from: 'stack@test.example',
      to: 'someone@test.example',
      subject: 'Mise à jour réussie',
      text: 'ping',
    });
    const [mail] = await readMailbox(opts.dir);
    expect(mail).toMatchObject({
      from: 'stack@test.example',
      to: ['someone@test.example'],
      subject: 'Mise à jour réussie',
      text: 'ping\n',
    });

    const status = await stackStatus(opts);
    expect(status.postgres).toMatch(given.databaseUrl ? /^external \(DATABASE_URL / : /^running \(pid \d+\)/);
    expect(status.kafka).toMatch(localKafka ? /^running \(pid \d+\)/ : /^external \(KAFKA_BROKERS /);
    expect(status.smtp).toMatch(/^running \(pid \d+\)/);

    // Only what runs here is recorded, so only that can be stopped.
    const { postgres, kafka, smtp } = readState(opts.dir);
    expect(postgres === undefined).toBe(given.databaseUrl !== undefined);
    expect(kafka === undefined).toBe(!localKafka);
    await stackDown(opts);
    expect(isProcessRunning(postgres?.pid ?? -1)).toBe(false);
    expect(isProcessRunning(kafka?.pid ?? -1)).toBe(false);
    expect(isProcessRunning(smtp?.pid ?? -1)).toBe(false);
    await expect(stackStatus(opts)).resolves.toEqual({
      postgres: given.databaseUrl ? status.postgres : 'stopped',
      kafka: localKafka ? 'stopped' : status.kafka,
      smtp: 'stopped',
    });
    // The given servers still serve after `down`.
    if (given.databaseUrl) await expect(selectOne(given.databaseUrl)).resolves.toBe(1);
    if (!localKafka) await expect(roundTrip(given.kafkaBrokers)).resolves.toBe('ping');
  }, 300_000);
});

describe('stopping what one stackUp started', () => {
  // The embedded Postgres needs nothing, so this one is always local; Kafka is local unless KAFKA_BROKERS
  // is given (then the machine may have no Java, and only Postgres can be started here).
  const stackOptions = stackFolderForBlock(undefined);

  it('leaves what that call reused running: after Kafka died, a second stackUp starts only Kafka, and stopping it keeps Postgres', async () => {
    const opts = stackOptions();
    const first = await stackUp(opts);
    expect(first).toMatchObject({ startedPostgres: true, startedKafka: localKafka, startedSmtp: true });
    const postgresPid = readState(opts.dir).postgres?.pid ?? -1;
    const firstKafkaPid = readState(opts.dir).kafka?.pid;
    if (firstKafkaPid !== undefined) {
      await stopProcess(firstKafkaPid, readState(opts.dir).kafka?.propertiesFile ?? '', 'SIGKILL', 10_000);
    }

    const second = await stackUp(opts);
    expect(second).toMatchObject({ startedPostgres: false, startedKafka: localKafka, startedSmtp: false });
    const secondKafkaPid = readState(opts.dir).kafka?.pid;
    expect(secondKafkaPid === undefined).toBe(!localKafka);
    expect(secondKafkaPid).not.toBe(firstKafkaPid ?? -1);

    await stopWhatStackUpStarted(opts, second);
    expect(isProcessRunning(secondKafkaPid ?? -1)).toBe(false);
    expect(isProcessRunning(postgresPid)).toBe(true);
    await expect(selectOne(first.databaseUrl)).resolves.toBe(1);
    expect(readState(opts.dir)).toEqual({
      postgres: expect.objectContaining({ pid: postgresPid }),
      smtp: expect.objectContaining({ port: opts.smtpPort }),
    });

    await stopWhatStackUpStarted(opts, first);
    expect(isProcessRunning(postgresPid)).toBe(false);
    expect(readState(opts.dir)).toEqual({});
  }, 300_000);
});

function setEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

async function freshStackOptions(): Promise<StackOptions> {
  const [pgPort, kafkaPort, kafkaControllerPort, smtpPort] = await freePorts(4);
  const dir = mkdtempSync(join(tmpdir(), 'pac-stack-int-'));
  return stackOptionsFromEnv({}, { dir, pgPort, kafkaPort, kafkaControllerPort, smtpPort });
}

async function selectOne(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one ?? 0;
  } finally {
    await client.end();
  }
}

/** Through a topic of its own, so that a shared Kafka's services never see the message. */
async function roundTrip(brokers: string[]): Promise<string> {
  const kafka = new Kafka({ clientId: 'stack-int-spec', brokers, logLevel: logLevel.WARN });
  const topic = `stack-int-spec-${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: `${topic}-group` });
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
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}
