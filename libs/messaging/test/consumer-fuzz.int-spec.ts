import { randomUUID } from 'node:crypto';
import type { IHeaders, Message } from 'kafkajs';
import { eventSourceOf, eventSubjectOf, toKafkaMessage } from '../src';
import { eventually, MessagingTestBed } from './messaging-test-bed';

jest.setTimeout(120_000);

/** FUZZ_SEED=<n> replays a run; the seed of each run is in the test's name. */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_204);
const RANDOM_MESSAGES = 60;

/** mulberry32: a small seeded generator, so that a failing run can be replayed exactly. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Expected = { outcome: 'processed' | 'skipped' } | { outcome: 'dead-lettered'; error: RegExp };

interface Case {
  name: string;
  message: Message;
  expected?: Expected;
}

describe('a consumer fed bad messages: each is dead-lettered (or skipped), and the partition moves on', () => {
  let bed: MessagingTestBed;
  const tenantId = randomUUID();

  beforeAll(async () => {
    bed = await MessagingTestBed.create({ partitions: 1 });
  });

  afterAll(async () => {
    await bed.dispose();
  });

  /** A good message of the bed's type, with a fresh id; `data` and `headers` replace parts of it. */
  function good(sequence: number, change: { data?: unknown; headers?: IHeaders } = {}): Message {
    const message = toKafkaMessage({
      id: randomUUID(),
      type: bed.definition.type,
      source: eventSourceOf('fuzz'),
      time: new Date().toISOString(),
      subject: eventSubjectOf(tenantId),
      tenantId,
      data: change.data ?? { tenantId, sequence, label: `event ${sequence}` },
    });
    return { ...message, headers: { ...message.headers, ...change.headers } };
  }

  function withoutHeader(message: Message, name: string): Message {
    const headers = { ...message.headers };
    delete headers[name];
    return { ...message, headers };
  }

  const dead = (error: RegExp): Expected => ({ outcome: 'dead-lettered', error });

  function fixedCases(): Case[] {
    const nested = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    return [
      {
        name: 'value not JSON',
        message: { ...good(1), value: '{"tenantId": oops' },
        expected: dead(/^the value is not JSON/),
      },
      {
        name: 'value not UTF-8',
        message: { ...good(1), value: Buffer.from([0xff, 0xfe, 0x00, 0x7b]) },
        expected: dead(/^the value is not JSON/),
      },
      {
        name: 'value a JSON number',
        message: { ...good(1), value: '42' },
        expected: dead(/\(data\): must be a JSON object, got number/),
      },
      {
        name: 'value a JSON string',
        message: { ...good(1), value: '"text"' },
        expected: dead(/must be a JSON object, got string/),
      },
      {
        name: 'value a JSON array',
        message: { ...good(1), value: '[1,2]' },
        expected: dead(/must be a JSON object, got an array/),
      },
      {
        name: 'value JSON null',
        message: { ...good(1), value: 'null' },
        expected: dead(/must be a JSON object, got null/),
      },
      {
        name: 'no value (tombstone)',
        message: { ...good(1), value: null },
        expected: dead(/^the message has no value/),
      },
      {
        name: 'no headers at all',
        message: { ...good(1), headers: {} },
        expected: dead(/^ce_specversion must be "1.0", got undefined/),
      },
      {
        name: 'ce_specversion 0.3',
        message: good(1, { headers: { ce_specversion: '0.3' } }),
        expected: dead(/^ce_specversion must be "1.0", got "0.3"/),
      },
      {
        name: 'ce_specversion missing',
        message: withoutHeader(good(1), 'ce_specversion'),
        expected: dead(/^ce_specversion must be "1.0"/),
      },
      {
        name: 'ce_id missing',
        message: withoutHeader(good(1), 'ce_id'),
        expected: dead(/^ce_id must be a uuid, got undefined/),
      },
      {
        name: 'ce_id not a uuid',
        message: good(1, { headers: { ce_id: "1' OR '1'='1" } }),
        expected: dead(/^ce_id must be a uuid/),
      },
      {
        name: 'ce_type missing',
        message: withoutHeader(good(1), 'ce_type'),
        expected: dead(/^missing header\(s\) ce_type/),
      },
      {
        name: 'ce_source missing',
        message: withoutHeader(good(1), 'ce_source'),
        expected: dead(/^missing header\(s\) ce_source/),
      },
      {
        name: 'ce_time missing',
        message: withoutHeader(good(1), 'ce_time'),
        expected: dead(/^missing header\(s\) ce_time/),
      },
      {
        name: 'ce_time not a time',
        message: good(1, { headers: { ce_time: 'yesterday' } }),
        expected: dead(/^ce_time is not a timestamp/),
      },
      {
        name: 'ce_subject missing',
        message: withoutHeader(good(1), 'ce_subject'),
        expected: dead(/^missing header\(s\) ce_subject/),
      },
      {
        name: 'ce_subject about another tenant',
        message: good(1, { headers: { ce_subject: `tenants/${randomUUID()}` } }),
        expected: dead(/is not about the key/),
      },
      {
        name: 'content-type not JSON',
        message: good(1, { headers: { 'content-type': 'text/plain' } }),
        expected: dead(/^content-type must be application\/json/),
      },
      {
        name: 'no message key',
        message: { ...good(1), key: null },
        expected: dead(/^the message key \(the tenant id\) is missing/),
      },
      {
        name: 'oversize value (600 KB)',
        message: good(1, { data: { tenantId, sequence: 1, label: 'x'.repeat(600_000) } }),
        expected: dead(/^the value is \d+ bytes, more than the 524288 a message may have/),
      },
      {
        name: 'JSON nested 20,000 levels deep',
        message: {
          ...good(1),
          value: `{"tenantId":"${tenantId}","sequence":1,"label":"deep","extra":${nested}}`,
        },
        expected: dead(/^the value is nested more than 32 levels deep/),
      },
      {
        name: 'payload failing class-validator',
        message: good(1, { data: { tenantId: 'not-a-uuid', sequence: -1, label: 42 } }),
        expected: dead(/^invalid test\.thing-happened\.\w+ payload: tenantId: .*; sequence: .*; label: /),
      },
      {
        name: 'payload of an incompatible later version (field renamed)',
        message: good(1, { data: { tenantId, seq: 1, label: 'v2' } }),
        expected: dead(/^invalid test\.thing-happened\.\w+ payload: sequence: /),
      },
      {
        name: 'payload with fields a later version added (compatible)',
        message: good(7, { data: { tenantId, sequence: 7, label: 'v1.1', addedLater: { any: 'thing' } } }),
        expected: { outcome: 'processed' },
      },
      {
        name: 'unknown ce_type, broken value',
        message: { ...good(1, { headers: { ce_type: 'someone-else.event' } }), value: 'not json' },
        expected: { outcome: 'skipped' },
      },
      {
        name: 'unknown ce_type, no other header',
        message: { key: tenantId, value: '{}', headers: { ce_type: 'someone-else.event' } },
        expected: { outcome: 'skipped' },
      },
    ];
  }

  /** A good message with one random change: a header dropped or garbled, the value cut, garbled or replaced. */
  function randomCase(random: () => number, n: number): Case {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const garbage = (length: number) =>
      Buffer.from(
        Array.from({ length }, () => pick([0x00, 0x22, 0x5c, 0x7b, 0x7d, 0xff, 0xe2, 0x80, 0x41, 0x30])),
      );
    const base = good(100 + n);
    const value = String(base.value);
    const header = pick([
      'ce_specversion',
      'ce_id',
      'ce_type',
      'ce_source',
      'ce_time',
      'ce_subject',
      'content-type',
    ]);
    const kind = pick([
      'drop header',
      'garble header',
      'cut value',
      'garble value',
      'random value',
      'unicode label',
    ]);
    switch (kind) {
      case 'drop header':
        return { name: `${kind} ${header}`, message: withoutHeader(base, header) };
      case 'garble header':
        return {
          name: `${kind} ${header}`,
          message: {
            ...base,
            headers: { ...base.headers, [header]: garbage(1 + Math.floor(random() * 40)) },
          },
        };
      case 'cut value':
        return {
          name: kind,
          message: { ...base, value: value.slice(0, Math.floor(random() * value.length)) },
        };
      case 'garble value': {
        const bytes = Buffer.from(value);
        bytes[Math.floor(random() * bytes.length)] = pick([0x00, 0x22, 0x7d, 0xff]);
        return { name: kind, message: { ...base, value: bytes } };
      }
      case 'random value':
        return { name: kind, message: { ...base, value: garbage(Math.floor(random() * 200)) } };
      default: {
        const label = Array.from({ length: 30 }, () =>
          String.fromCodePoint(Math.floor(random() * 0x2ffff)),
        ).join('');
        return { name: kind, message: good(100 + n, { data: { tenantId, sequence: 100 + n, label } }) };
      }
    }
  }

  it(`dead-letters every malformed, invalid or oversize message, skips foreign types, and handles the good one behind them (seed ${SEED})`, async () => {
    const random = seeded(SEED);
    const cases = [
      ...fixedCases(),
      ...Array.from({ length: RANDOM_MESSAGES }, (_, n) => randomCase(random, n)),
    ];
    const sentinel = good(9_999);
    const { consumer, processed } = bed.consumer();
    await consumer.start();
    // One by one, so that a message too large to go with others in one request goes alone.
    for (const { message } of cases) await bed.producer.send({ topic: bed.topic, messages: [message] });
    await bed.producer.send({ topic: bed.topic, messages: [sentinel] });
    await eventually('every message to be consumed', () => processed.length === cases.length + 1, 60_000);

    const outcomes = processed.slice(0, cases.length);
    if (process.env['FUZZ_FIGURES']) console.log(JSON.stringify(consumer.stats()));
    for (const [i, { name, expected }] of cases.entries()) {
      const seen = outcomes[i]!;
      expect({ name, outcome: seen.outcome }).toEqual({
        name,
        outcome: expected?.outcome ?? expect.stringMatching(/^(dead-lettered|processed|skipped)$/),
      });
      if (expected?.outcome === 'dead-lettered')
        expect({ name, error: seen.error }).toEqual({ name, error: expect.stringMatching(expected.error) });
    }
    // The partition moved on: the good message behind them all was handled.
    expect(processed.at(-1)).toMatchObject({
      outcome: 'processed',
      eventId: String(sentinel.headers!['ce_id']),
    });
    expect(consumer.readiness().crashed).toBeUndefined();

    // Exactly the dead-lettered ones are on <topic>.dlq, unchanged, saying why and whence.
    const deadLettered = outcomes.filter((p) => p.outcome === 'dead-lettered');
    expect(deadLettered.length).toBeGreaterThanOrEqual(25);
    const letters = await bed.readTopic(bed.deadLetterTopic, deadLettered.length, 60_000);
    expect(await bed.messageCount(bed.deadLetterTopic)).toBe(deadLettered.length);
    expect(letters.map((l) => String(l.message.headers!['x-original-offset']))).toEqual(
      deadLettered.map((p) => p.offset),
    );
    for (const [i, letter] of letters.entries()) {
      const headers = letter.message.headers!;
      expect(String(headers['x-error'])).toBe(deadLettered[i]!.error!.slice(0, 4000));
      expect(String(headers['x-original-topic'])).toBe(bed.topic);
    }
    // Only the processed ones took effect, each once.
    const effects = await bed.effects();
    expect(effects.length).toBe(processed.filter((p) => p.outcome === 'processed').length);
  });
});
