import { randomBytes } from 'node:crypto';
import {
  createKafka,
  DeadLetterHeaders,
  EventStreamInspector,
  type Kafka,
  Partitioners,
  silentLogger,
} from '@pac/messaging';
import { requiredEnv } from '@pac/testing';
import { listDeadLetters, replay, tail } from './event-commands';

jest.setTimeout(60_000);

/** The events command against the real broker, on topics of its own so that nothing else is disturbed. */
describe('npm run events', () => {
  const topic = `test.events-cli.${randomBytes(4).toString('hex')}`;
  const deadLetters = `${topic}.dlq`;
  let kafka: Kafka;
  let inspector: EventStreamInspector;

  const event = (
    type: string,
    tenantId: string,
    n: number,
  ): { key: string; value: string; headers: Record<string, string> } => ({
    key: tenantId,
    value: JSON.stringify({ n }),
    headers: {
      ce_specversion: '1.0',
      ce_id: `00000000-0000-4000-8000-00000000000${n}`,
      ce_type: type,
      ce_source: '/services/tenant',
      ce_time: '2026-12-04T12:00:00.000Z',
      ce_subject: `tenants/${tenantId}`,
      'content-type': 'application/json',
    },
  });
  const send = async (to: string, messages: Array<ReturnType<typeof event>>) => {
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: to, messages, acks: -1 });
    await producer.disconnect();
  };

  beforeAll(async () => {
    kafka = createKafka({
      brokers: requiredEnv('KAFKA_BROKERS'),
      clientId: 'events-cli-test',
      logger: silentLogger,
    });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic, numPartitions: 2 }, { topic: deadLetters }],
      waitForLeaders: true,
    });
    await admin.disconnect();
    inspector = new EventStreamInspector(kafka);
    await send(topic, [
      event('tenant.created', 't-1', 1),
      event('tenant.updated', 't-1', 2),
      event('tenant.created', 't-2', 3),
    ]);
    const poisoned = event('tenant.created', 't-3', 4);
    await send(deadLetters, [
      {
        ...poisoned,
        value: '{"n":',
        headers: {
          ...poisoned.headers,
          [DeadLetterHeaders.error]: 'malformed JSON: Unexpected end of JSON input',
          [DeadLetterHeaders.originalTopic]: topic,
          [DeadLetterHeaders.originalPartition]: '1',
          [DeadLetterHeaders.originalOffset]: '7',
          [DeadLetterHeaders.consumerGroup]: 'notification',
        },
      },
    ]);
  });

  afterAll(async () => {
    await inspector?.close();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, deadLetters] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('tails events from the beginning with their attributes, filtered by type and tenant', async () => {
    const lines: string[] = [];
    const shown = await tail(
      inspector,
      [topic],
      { fromBeginning: true, follow: false, type: 'tenant.created', tenantId: 't-1' },
      (line) => lines.push(line),
    );
    expect(shown).toBe(1);
    expect(lines[0]).toContain(`${topic} [`);
    expect(lines[0]).toContain('tenant.created  tenants/t-1');
    expect(lines[1]).toContain('id 00000000-0000-4000-8000-000000000001 · source /services/tenant');
    expect(lines[2]).toBe('  {"n":1}');
  });

  it('follows new events live until stopped', async () => {
    const lines: string[] = [];
    const stop = new AbortController();
    const following = tail(
      inspector,
      [topic],
      { fromBeginning: false, follow: true, signal: stop.signal },
      (line) => {
        lines.push(line);
        if (line.includes('"n":5')) stop.abort();
      },
    );
    // The tail's group joins first: send until it has seen one (it starts at the end, not the beginning).
    for (let i = 0; i < 50 && !stop.signal.aborted; i += 1) {
      await send(topic, [event('tenant.suspended', 't-9', 5)]);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await following;
    expect(lines.some((line) => line.includes('tenant.suspended  tenants/t-9'))).toBe(true);
    expect(lines.some((line) => line.includes('"n":1}'))).toBe(false);
  });

  it('lists dead letters with where they came from and why, and replays them to their topic', async () => {
    const lines: string[] = [];
    expect(await listDeadLetters(inspector, [deadLetters], (line) => lines.push(line))).toBe(1);
    expect(lines[0]).toBe(`${deadLetters}:0@0  from ${topic} [1] @7 (group notification)`);
    expect(lines[2]).toBe('  error: malformed JSON: Unexpected end of JSON input');
    expect(lines.at(-1)).toBe('1 dead letter');

    const replayed: string[] = [];
    expect(await replay(inspector, [deadLetters], `${deadLetters}:0@0`, (line) => replayed.push(line))).toBe(
      1,
    );
    expect(replayed).toEqual([`replayed ${deadLetters}:0@0 to ${topic}`]);
    const back: Array<{ headers: Record<string, string>; value: string | null }> = [];
    await inspector.read([topic], { fromBeginning: true, follow: false }, (m) => back.push(m));
    const again = back.find((m) => m.headers['x-replayed-from'] === `${deadLetters}:0@0`);
    expect(again?.value).toBe('{"n":');
    expect(again?.headers[DeadLetterHeaders.error]).toBeUndefined();
    expect(again?.headers['ce_type']).toBe('tenant.created');
    await expect(replay(inspector, [deadLetters], `${deadLetters}:0@99`, () => undefined)).rejects.toThrow(
      'no dead letter',
    );
  });

  it('shows how far a consumer group is behind, per partition', async () => {
    const group = `events-cli-test-${randomBytes(3).toString('hex')}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.setOffsets({
      groupId: group,
      topic,
      partitions: [
        { partition: 0, offset: '0' },
        { partition: 1, offset: '0' },
      ],
    });
    await admin.disconnect();
    expect(await inspector.groups()).toContain(group);
    const lags = (await inspector.lag([group])).filter((l) => l.topic === topic);
    const counts = await inspector.messageCounts([topic]);
    expect(lags.reduce((sum, l) => sum + l.lag, 0)).toBe(counts.get(topic));
    expect(lags.map((l) => l.partition).sort()).toEqual([0, 1]);
  });
});
