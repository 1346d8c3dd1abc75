import { Kafka, KafkaLogLevel as logLevel, Partitioners, type Producer } from '@pac/messaging';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stackOptionsFromEnv, type StackOptions } from '../stack-options';
import { readState, type StackState } from '../stack-state';
import { killKafkaNode } from '../stack-faults';
import { ensureTopics } from './kafka-admin';
import { bringUpKafkaCluster, planKafkaCluster } from './kafka-cluster';

/**
 * A three-broker cluster as `npm run stack -- up --brokers 3` starts it, under a steady write load from
 * idempotent acks=all producers (the outbox relay's settings): one broker is killed with SIGKILL while the
 * load goes on, started again, and every message the cluster acknowledged is read back exactly once; a send
 * that failed was written at most once. The cluster's ports follow the test stack's broker (KAFKA_PORT + 2..7).
 */
const TOPIC = 'pac-cluster-kill-test';
const WRITERS = 4;

describe('three-broker cluster: kill -9 one broker under load', () => {
  let opts: StackOptions;
  let state: StackState;
  const log = (): void => undefined;

  const up = async (): Promise<string[]> => {
    state = readState(opts.dir);
    const plan = await planKafkaCluster(opts, state, log, process.env);
    return bringUpKafkaCluster(plan, { opts, log, state, startedNow: { postgres: false, kafka: false } });
  };

  beforeAll(async () => {
    const base = Number(process.env['KAFKA_PORT'] ?? 19192) + 2;
    opts = stackOptionsFromEnv(
      { KAFKA_NODES: '3' },
      { dir: mkdtempSync(join(tmpdir(), 'pac-cluster-')), kafkaPort: base, kafkaControllerPort: base + 1 },
    );
  }, 10_000);

  afterAll(async () => {
    const { stopKafkaCluster } = await import('./kafka-cluster');
    await stopKafkaCluster(readState(opts.dir), log);
    rmSync(opts.dir, { recursive: true, force: true });
  }, 60_000);

  it('loses and doubles nothing acknowledged, and takes writes again within seconds', async () => {
    const brokers = await up();
    await ensureTopics(brokers, [{ name: TOPIC, partitions: 6 }], {
      replicationFactor: 3,
      minInsyncReplicas: 2,
    });
    const kafka = new Kafka({
      clientId: 'cluster-kill-test',
      brokers,
      logLevel: logLevel.NOTHING,
      connectionTimeout: 3_000,
      requestTimeout: 30_000,
      retry: { initialRetryTime: 100, maxRetryTime: 5_000, retries: 10 },
    });
    const acknowledged = new Set<string>();
    const failed = new Set<string>();
    const ackTimes: number[] = [];
    let writing = true;
    const writer = async (id: number): Promise<void> => {
      const producer: Producer = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      for (let n = 0; writing; n++) {
        const value = `${id}-${n}`;
        try {
          await producer.send({ topic: TOPIC, acks: -1, messages: [{ key: `tenant-${n % 24}`, value }] });
          acknowledged.add(value);
          ackTimes.push(Date.now());
        } catch {
          failed.add(value);
          await sleep(100);
        }
      }
      await producer.disconnect();
    };
    const writers = Array.from({ length: WRITERS }, (_, id) => writer(id));

    await sleep(3_000);
    const killedAt = Date.now();
    await killKafkaNode(opts, 2);
    // Writes go on with a broker dead (2 of 3 replicas stay in sync, min.insync.replicas is 2) once the
    // controller has fenced it (broker.session.timeout.ms) and moved its partitions' leadership.
    const before = acknowledged.size;
    while (acknowledged.size < before + 20 * WRITERS && Date.now() - killedAt < 60_000) await sleep(50);
    const resumedAt = Date.now();
    await sleep(2_000);
    await up();
    await sleep(3_000);
    writing = false;
    await Promise.all(writers);

    expect(resumedAt - killedAt).toBeLessThan(60_000);
    const afterKill = ackTimes.filter((at) => at > killedAt);
    process.stdout.write(
      `cluster kill test: ${acknowledged.size} acknowledged, ${failed.size} failed sends; writes flowing ` +
        `again (${20 * WRITERS} more acks) ${resumedAt - killedAt} ms after the kill (first ack ${afterKill[0]! - killedAt} ms after)\n`,
    );

    const seen = new Map<string, number>();
    const consumer = kafka.consumer({ groupId: `cluster-kill-read-${Date.now()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const value = message.value!.toString();
        seen.set(value, (seen.get(value) ?? 0) + 1);
      },
    });
    const deadline = Date.now() + 60_000;
    while ([...acknowledged].some((value) => !seen.has(value)) && Date.now() < deadline) await sleep(200);
    await sleep(1_000);
    await consumer.disconnect();

    const lost = [...acknowledged].filter((value) => !seen.has(value));
    const doubled = [...seen].filter(([, count]) => count > 1).map(([value]) => value);
    const unknown = [...seen.keys()].filter((value) => !acknowledged.has(value) && !failed.has(value));
    expect({ lost, doubled, unknown }).toEqual({ lost: [], doubled: [], unknown: [] });
  }, 400_000);
});
