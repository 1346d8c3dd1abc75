import { createServiceDataSource } from '@pac/persistence';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MessagingLogger } from '../src';
import { eventually, MessagingTestBed } from './messaging-test-bed';
import { PostgresOutage } from './postgres-outage';

jest.setTimeout(90_000);

/** How long Postgres stays away from the relay: "a few seconds", real time (the backoff is real time). */
const OUTAGE_MS = 4_000;

describe('the outbox relay while Postgres is unreachable', () => {
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
});
