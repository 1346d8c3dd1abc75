import { randomUUID } from 'node:crypto';
import type { Message } from 'kafkajs';
import { eventSourceOf, eventSubjectOf, toKafkaMessage } from '../src';
import { eventually, MessagingTestBed } from './messaging-test-bed';

jest.setTimeout(90_000);

describe('EventConsumer: messages that cannot be handled go to the dead-letter topic at once', () => {
  let bed: MessagingTestBed;

  beforeEach(async () => {
    bed = await MessagingTestBed.create();
  });

  afterEach(async () => {
    await bed.dispose();
  });

  function messageOf(tenantId: string, data: unknown): Message & { headers: Record<string, string> } {
    return toKafkaMessage({
      id: randomUUID(),
      type: bed.definition.type,
      source: eventSourceOf('test'),
      time: new Date().toISOString(),
      subject: eventSubjectOf(tenantId),
      tenantId,
      data,
    });
  }

  /** Sends a bad message followed by a good one on the same partition; checks the first is dead-lettered. */
  async function expectDeadLetteredThenNextProcessed(
    bad: Message,
    tenantId: string,
    error: RegExp,
  ): Promise<void> {
    const good = messageOf(tenantId, { tenantId, sequence: 2, label: 'fine' });
    const { consumer, processed } = bed.consumer();
    await consumer.start();
    await bed.producer.send({ topic: bed.topic, messages: [bad, good] });
    await eventually('both messages to be consumed', () => processed.length === 2);

    expect(processed.map((p) => [p.outcome, p.attempts])).toEqual([
      ['dead-lettered', 0],
      ['processed', 1],
    ]);
    expect(await bed.effects()).toEqual([
      { event_id: good.headers['ce_id'], tenant_id: tenantId, sequence: 2 },
    ]);

    const [letter] = await bed.readTopic(bed.deadLetterTopic, 1);
    const headers = letter!.message.headers!;
    expect(String(headers['x-error'])).toMatch(error);
    expect(String(headers['x-original-topic'])).toBe(bed.topic);
    expect(String(headers['x-original-offset'])).toBe(processed[0]!.offset);
    expect(letter!.message.value!.toString()).toBe(String(bad.value));
    expect(await bed.messageCount(bed.deadLetterTopic)).toBe(1);
  }

  it('dead-letters a value that is not JSON', async () => {
    const tenantId = randomUUID();
    const bad = { ...messageOf(tenantId, {}), value: '{"tenantId": oops' };
    await expectDeadLetteredThenNextProcessed(bad, tenantId, /^the value is not JSON/);
  });

  it('dead-letters a payload that breaks its contract, naming the fields', async () => {
    const tenantId = randomUUID();
    const bad = messageOf(tenantId, { tenantId, sequence: -1, label: 42 });
    await expectDeadLetteredThenNextProcessed(
      bad,
      tenantId,
      /^invalid test\.thing-happened\.\w+ payload: sequence: .*; label: /,
    );
  });

  it('skips, without dead-lettering, a type it has no handler for', async () => {
    const tenantId = randomUUID();
    const other = {
      ...messageOf(tenantId, 'not even an object'),
      headers: { ce_type: 'someone-else.event' },
    };
    const good = messageOf(tenantId, { tenantId, sequence: 1, label: 'fine' });
    const { consumer, processed } = bed.consumer();
    await consumer.start();
    await bed.producer.send({ topic: bed.topic, messages: [other, good] });
    await eventually('both messages to be consumed', () => processed.length === 2);

    expect(processed.map((p) => p.outcome)).toEqual(['skipped', 'processed']);
    expect(await bed.messageCount(bed.deadLetterTopic)).toBe(0);
  });
});
