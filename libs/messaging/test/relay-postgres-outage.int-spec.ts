import { createServiceDataSource } from '@pac/persistence';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { toKafkaMessage, type MessagingLogger } from '../src';
import { eventually, MessagingTestBed } from './messaging-test-bed';
import { PostgresOutage } from './postgres-outage';

jest.setTimeout(90_000);

/** How long Postgres stays away from the relay: "a few seconds", real time (the backoff is real time). */
const OUTAGE_MS = 4_000;

describe('the outbox relay and the consumer while Postgres is unreachable', () => {
  let bed: MessagingTestBed;
  let outage: PostgresOutage;

  beforeEach(async () => {
    bed = await MessagingTestBed.create({ partitions: 1 });
    outage = await PostgresOutage.start(bed.serviceUrl);
  });

  afterEach(async () => {
    await bed.dispose();
    await outage.stop();
  });

  it('backs off and logs a few lines, then publishes everything once Postgres is back', async () => {
    const lines: { level: string; msg: string }[] = [];
    const at = (level: string) => (obj: object | string, msg?: string) =>
      void lines.push({ level, msg: msg ?? String(obj) });
    const logger: MessagingLogger = {
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      debug: () => undefined,
    };
    // The relay reaches Postgres through the proxy; the test commits and checks straight.
    const relayDataSource = createServiceDataSource({
      url: outage.url,
      schema: bed.schema,
      entities: [],
      migrations: [],
    });
    const relay = bed.relay({ dataSource: relayDataSource, logger });
    relay.start();
    const tenantId = randomUUID();
    const before = [await bed.commitEvent(tenantId, 1), await bed.commitEvent(tenantId, 2)];
    await eventually('the first events on Kafka', () => relay.status().published === 2);

    const warningsBefore = lines.filter((line) => line.level === 'warn').length;
    outage.cut();
    const during: string[] = [];
    for (let sequence = 3; sequence <= 7; sequence += 1)
      during.push((await bed.commitEvent(tenantId, sequence)).id);
    await sleep(OUTAGE_MS);
    const attempts = outage.attemptsWhileDown;
    const warnings = lines.filter((line) => line.level === 'warn').slice(warningsBefore);
    if (process.env['OUTAGE_FIGURES']) console.log({ attempts, warnings: warnings.length, lines });

    // Capped exponential backoff (100 ms doubling, with jitter): a handful of tries in 4 s, not thousands.
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(attempts).toBeLessThanOrEqual(10);
    // The first failure at once, then at most one line per 10 s.
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings.length).toBeLessThanOrEqual(2);
    expect(warnings.at(-1)!.msg).toMatch(
      /^outbox relay: postgres unreachable, retrying in \d+ ms; \d+ attempts since \d{4}-/,
    );
    expect(await bed.unpublishedEventIds()).toEqual(during);

    outage.restore();
    await eventually('the events committed during the outage on Kafka', async () =>
      (await bed.unpublishedEventIds()).length === 0 ? true : undefined,
    );
    const received = await bed.readTopic(bed.topic, 7);
    expect(received.map((r) => String(r.message.headers!['ce_id']))).toEqual([
      ...before.map((e) => e.id),
      ...during,
    ]);
    expect(await bed.messageCount(bed.topic)).toBe(7);
    expect(
      lines.some((line) => /postgres unreachable: recovered after \d+ failed attempts/.test(line.msg)),
    ).toBe(true);
    await relay.stop();
  });

  it('the consumer leaves the messages for later, without a tight loop, and handles each once when it is back', async () => {
    // The consumer's pool reaches Postgres through the proxy; the test checks straight.
    const consumerDataSource = createServiceDataSource({
      url: outage.url,
      schema: bed.schema,
      entities: [],
      migrations: [],
    });
    await consumerDataSource.initialize();
    try {
      const { consumer, processed } = bed.consumer({ dataSource: consumerDataSource });
      await consumer.start();
      const tenantId = randomUUID();
      const first = bed.envelope(tenantId, 1);
      await bed.producer.send({ topic: bed.topic, messages: [toKafkaMessage(first)] });
      await eventually('the first event handled', () => processed.length === 1);

      outage.cut();
      const during = [bed.envelope(tenantId, 2), bed.envelope(tenantId, 3)];
      await bed.producer.send({ topic: bed.topic, messages: during.map((e) => toKafkaMessage(e)) });
      await sleep(OUTAGE_MS);
      const attempts = outage.attemptsWhileDown;
      if (process.env['OUTAGE_FIGURES']) console.log({ consumerAttempts: attempts });
      expect(processed.length).toBe(1);
      expect(attempts).toBeLessThanOrEqual(40);

      outage.restore();
      await eventually('the events sent during the outage handled', () => processed.length === 3, 30_000);
      expect(processed.map((p) => [p.eventId, p.outcome])).toEqual(
        [first, ...during].map((e) => [e.id, 'processed']),
      );
      expect((await bed.effects()).map((e) => e.sequence)).toEqual([1, 2, 3]);
      expect(await bed.messageCount(bed.deadLetterTopic)).toBe(0);
      await consumer.stop();
    } finally {
      await consumerDataSource.destroy();
    }
  });
});
