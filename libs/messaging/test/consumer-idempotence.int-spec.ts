import { randomUUID } from 'node:crypto';
import { toKafkaMessage } from '../src';
import { eventually, MessagingTestBed } from './messaging-test-bed';

jest.setTimeout(90_000);

describe('EventConsumer: one effect per event, retries, dead letters for handlers that keep failing', () => {
  let bed: MessagingTestBed;

  beforeEach(async () => {
    bed = await MessagingTestBed.create();
  });

  afterEach(async () => {
    await bed.dispose();
  });

  it('gives the same ce_id delivered twice a single effect', async () => {
    const tenantId = randomUUID();
    const event = bed.envelope(tenantId, 1);
    await bed.producer.send({ topic: bed.topic, messages: [toKafkaMessage(event), toKafkaMessage(event)] });

    const { consumer, processed } = bed.consumer();
    await consumer.start();
    await eventually('both deliveries to be consumed', () => processed.length === 2);

    expect(processed.map((p) => p.outcome)).toEqual(['processed', 'duplicate']);
    expect(await bed.effects()).toEqual([{ event_id: event.id, tenant_id: tenantId, sequence: 1 }]);
  });

  it('retries a handler that fails twice, which then takes effect once', async () => {
    const tenantId = randomUUID();
    const event = bed.envelope(tenantId, 1);
    let calls = 0;
    const { consumer, processed } = bed.consumer({
      beforeEffect: () => {
        calls += 1;
        if (calls <= 2) throw new Error(`transient failure ${calls}`);
      },
    });
    await consumer.start();
    await bed.producer.send({ topic: bed.topic, messages: [toKafkaMessage(event)] });
    await eventually('the event to be handled', () => processed.length === 1);

    expect(processed[0]).toMatchObject({ outcome: 'processed', eventId: event.id, attempts: 3 });
    expect(calls).toBe(3);
    expect(await bed.effects()).toHaveLength(1);
    expect(await bed.messageCount(bed.deadLetterTopic)).toBe(0);
  });

  it('sends the event of a handler that always fails to the dead-letter topic, then moves on', async () => {
    const tenantId = randomUUID();
    const doomed = bed.envelope(tenantId, 1);
    const next = bed.envelope(tenantId, 2);
    const { consumer, processed } = bed.consumer({
      retry: { retries: 3, initialDelayMs: 10, multiplier: 2 },
      beforeEffect: (envelope) => {
        if (envelope.id === doomed.id) throw new Error('the handler cannot cope');
      },
    });
    await consumer.start();
    // Same key, so the same partition: the second waits behind the first.
    await bed.producer.send({ topic: bed.topic, messages: [toKafkaMessage(doomed), toKafkaMessage(next)] });
    await eventually('both events to be consumed', () => processed.length === 2);

    expect(processed.map((p) => [p.eventId, p.outcome, p.attempts])).toEqual([
      [doomed.id, 'dead-lettered', 4],
      [next.id, 'processed', 1],
    ]);
    expect(await bed.effects()).toEqual([{ event_id: next.id, tenant_id: tenantId, sequence: 2 }]);

    const [letter] = await bed.readTopic(bed.deadLetterTopic, 1);
    const headers = letter!.message.headers!;
    expect(String(headers['x-error'])).toBe(
      'handler failed after 4 attempts: Error: the handler cannot cope',
    );
    expect(String(headers['x-original-topic'])).toBe(bed.topic);
    expect(String(headers['x-original-partition'])).toBe(String(processed[0]!.partition));
    expect(String(headers['x-original-offset'])).toBe(processed[0]!.offset);
    expect(String(headers['ce_id'])).toBe(doomed.id);
    expect(letter!.message.key!.toString()).toBe(tenantId);
    expect(JSON.parse(letter!.message.value!.toString())).toEqual(doomed.data);
    // The failed attempts were rolled back with their inbox rows: a replay from the DLQ would be handled.
    const inbox = await bed.dataSource.query(`SELECT event_id FROM "${bed.schema}".inbox`);
    expect(inbox).toEqual([{ event_id: next.id }]);
  });
});
