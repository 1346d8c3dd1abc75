import { randomUUID } from 'node:crypto';
import { EventConsumer, toKafkaMessage, type EventEnvelope, type ProcessedMessage } from '../src';
import { eventually, MessagingTestBed, testLogger } from './messaging-test-bed';
import type { ThingHappenedData } from './thing-happened';

jest.setTimeout(90_000);

describe('EventConsumer: a partition’s messages handled in groups, one transaction each', () => {
  let bed: MessagingTestBed;

  beforeEach(async () => {
    bed = await MessagingTestBed.create();
  });

  afterEach(async () => {
    await bed.dispose();
  });

  function envelopesOf(tenantId: string, count: number): EventEnvelope<ThingHappenedData>[] {
    return Array.from({ length: count }, (_, i) => bed.envelope(tenantId, i + 1));
  }

  /** The transactions that wrote the effects (their xmin), one per group that committed. */
  async function effectTransactions(): Promise<number> {
    const [row] = await bed.dataSource.query(
      `SELECT count(DISTINCT xmin::text)::int AS n FROM "${bed.schema}".effects`,
    );
    return row.n;
  }

  it('commits the messages of a batch together, at most maxBatchSize per transaction, in order', async () => {
    const tenantId = randomUUID();
    const events = envelopesOf(tenantId, 7);
    // Sent before the consumer starts, with one key: one partition, fetched as one batch.
    await bed.producer.send({ topic: bed.topic, messages: events.map((e) => toKafkaMessage(e)) });
    const { consumer, processed } = bed.consumer({ maxBatchSize: 3 });
    await consumer.start();
    await eventually('every event to be handled', () => processed.length === 7);

    expect(processed.map((p) => [p.eventId, p.outcome, p.attempts])).toEqual(
      events.map((e) => [e.id, 'processed', 1]),
    );
    expect((await bed.effects()).map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await effectTransactions()).toBe(3);
    const [inbox] = await bed.dataSource.query(`SELECT count(*)::int AS n FROM "${bed.schema}".inbox`);
    expect(inbox.n).toBe(7);
  });

  it('dead-letters a poison message of a batch alone: the others take effect once, in order', async () => {
    const tenantId = randomUUID();
    const events = envelopesOf(tenantId, 9);
    const poison = events[4]!;
    let poisonCalls = 0;
    await bed.producer.send({ topic: bed.topic, messages: events.map((e) => toKafkaMessage(e)) });
    const { consumer, processed } = bed.consumer({
      retry: { retries: 3, initialDelayMs: 10, multiplier: 2 },
      beforeEffect: (envelope) => {
        if (envelope.id !== poison.id) return;
        poisonCalls += 1;
        throw new Error('poisoned');
      },
    });
    await consumer.start();
    await eventually('every event to be consumed', () => processed.length === 9);

    expect(processed.map((p) => [p.eventId, p.outcome, p.attempts])).toEqual(
      events.map((e) => (e.id === poison.id ? [e.id, 'dead-lettered', 4] : [e.id, 'processed', 1])),
    );
    expect(poisonCalls).toBe(4);
    // Each of the others exactly once (the effects table has no unique constraint), in offset order.
    expect(await bed.effects()).toEqual(
      events
        .filter((e) => e.id !== poison.id)
        .map((e) => ({ event_id: e.id, tenant_id: tenantId, sequence: e.data.sequence })),
    );
    // Before the poison one, after it: a transaction each (not one per message).
    expect(await effectTransactions()).toBeLessThanOrEqual(2);

    const [letter] = await bed.readTopic(bed.deadLetterTopic, 1);
    const headers = letter!.message.headers!;
    expect(String(headers['x-error'])).toBe('handler failed after 4 attempts: Error: poisoned');
    expect(String(headers['x-original-topic'])).toBe(bed.topic);
    expect(String(headers['x-original-offset'])).toBe(processed[4]!.offset);
    expect(String(headers['ce_id'])).toBe(poison.id);
    expect(await bed.messageCount(bed.deadLetterTopic)).toBe(1);
    // The poison message's inbox row went with its rolled-back attempts: a replay from the DLQ is handled.
    const inbox: { event_id: string }[] = await bed.dataSource.query(
      `SELECT event_id FROM "${bed.schema}".inbox`,
    );
    expect(inbox.map((row) => row.event_id).sort()).toEqual(
      events
        .filter((e) => e.id !== poison.id)
        .map((e) => e.id)
        .sort(),
    );
  });

  it('retries a message of a batch that fails once: it and the others take effect once', async () => {
    const tenantId = randomUUID();
    const events = envelopesOf(tenantId, 5);
    const flaky = events[2]!;
    let flakyCalls = 0;
    await bed.producer.send({ topic: bed.topic, messages: events.map((e) => toKafkaMessage(e)) });
    const { consumer, processed } = bed.consumer({
      beforeEffect: (envelope) => {
        if (envelope.id !== flaky.id) return;
        flakyCalls += 1;
        if (flakyCalls === 1) throw new Error('transient');
      },
    });
    await consumer.start();
    await eventually('every event to be handled', () => processed.length === 5);

    expect(processed.map((p) => [p.eventId, p.outcome, p.attempts])).toEqual(
      events.map((e) => [e.id, 'processed', e.id === flaky.id ? 2 : 1]),
    );
    expect(flakyCalls).toBe(2);
    expect((await bed.effects()).map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(await bed.messageCount(bed.deadLetterTopic)).toBe(0);
  });

  it('mixes duplicates, unknown types and malformed messages into a batch without losing its order', async () => {
    const tenantId = randomUUID();
    const [first, second, third] = envelopesOf(tenantId, 3);
    const malformed = { ...toKafkaMessage(second!), value: '{"tenantId": oops' };
    const unknown = { ...toKafkaMessage(third!), headers: { ce_type: 'someone-else.event' } };
    await bed.producer.send({
      topic: bed.topic,
      messages: [toKafkaMessage(first!), malformed, toKafkaMessage(first!), unknown, toKafkaMessage(third!)],
    });
    const { consumer, processed } = bed.consumer();
    await consumer.start();
    await eventually('every message to be consumed', () => processed.length === 5);

    expect(processed.map((p) => p.outcome)).toEqual([
      'processed',
      'dead-lettered',
      'duplicate',
      'skipped',
      'processed',
    ]);
    expect((await bed.effects()).map((e) => e.event_id)).toEqual([first!.id, third!.id]);
    const [letter] = await bed.readTopic(bed.deadLetterTopic, 1);
    expect(String(letter!.message.headers!['x-error'])).toMatch(/^the value is not JSON/);
    expect(String(letter!.message.headers!['x-original-offset'])).toBe(processed[1]!.offset);
  });

  it('does not handle again what a group committed when the consumer restarts', async () => {
    const tenantId = randomUUID();
    const events = envelopesOf(tenantId, 4);
    await bed.producer.send({ topic: bed.topic, messages: events.map((e) => toKafkaMessage(e)) });
    const groupId = `test-consumer-${bed.suffix}-restart`;
    const first = bed.consumer({ groupId });
    await first.consumer.start();
    await eventually('every event to be handled', () => first.processed.length === 4);
    await first.consumer.stop();

    // Same group again, and the same events delivered once more (as a crash before the offset commit would).
    await bed.producer.send({ topic: bed.topic, messages: events.map((e) => toKafkaMessage(e)) });
    const second = bed.consumer({ groupId });
    await second.consumer.start();
    await eventually('the redelivered events to be seen', () => second.processed.length === 4);

    expect(second.processed.map((p) => p.outcome)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    expect((await bed.effects()).map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
  });

  it('writes the events the handlers of a group add to the outbox, in order, none for a rolled-back one', async () => {
    const tenantId = randomUUID();
    const events = envelopesOf(tenantId, 6);
    const poison = events[3]!;
    await bed.producer.send({ topic: bed.topic, messages: events.map((e) => toKafkaMessage(e)) });
    const processed: ProcessedMessage[] = [];
    const consumer = new EventConsumer({
      kafka: bed.kafka,
      dataSource: bed.dataSource,
      schema: bed.schema,
      groupId: `test-consumer-${bed.suffix}-outbox`,
      logger: testLogger,
      retry: { retries: 1, initialDelayMs: 10, multiplier: 2 },
      onProcessed: (message) => processed.push(message),
    }).handle(bed.definition, async (envelope, manager) => {
      const data = { tenantId, sequence: envelope.data.sequence + 100, label: 'answer' };
      await bed.outbox.add(manager, { definition: bed.definition, tenantId, data });
      // A handler may change its objects after adding them: the event keeps what was added.
      data.label = 'changed afterwards';
      if (envelope.id === poison.id) throw new Error('poisoned');
    });
    try {
      await consumer.start();
      await eventually('every event to be consumed', () => processed.length === 6);
    } finally {
      await consumer.stop();
    }

    expect(processed.map((p) => p.outcome)).toEqual([
      'processed',
      'processed',
      'processed',
      'dead-lettered',
      'processed',
      'processed',
    ]);
    const rows: { sequence: number; label: string }[] = await bed.dataSource.query(
      `SELECT (payload->>'sequence')::int AS sequence, payload->>'label' AS label
         FROM "${bed.schema}".outbox ORDER BY id`,
    );
    expect(rows).toEqual([101, 102, 103, 105, 106].map((sequence) => ({ sequence, label: 'answer' })));
  });
});
