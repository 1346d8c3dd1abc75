import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { eventually, MessagingTestBed } from './messaging-test-bed';

jest.setTimeout(90_000);

function summary(samples: number[]): { p50: number; p95: number; max: number; text: string } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  const [p50, p95, max] = [at(0.5), at(0.95), sorted.at(-1)!];
  return {
    p50,
    p95,
    max,
    text: `p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${max.toFixed(1)} ms`,
  };
}

describe('latency from commit to Kafka and to the consumer effect', () => {
  let bed: MessagingTestBed;

  beforeAll(async () => {
    bed = await MessagingTestBed.create();
  });

  afterAll(async () => {
    await bed.dispose();
  });

  it('is a matter of milliseconds once everything is running', async () => {
    const published = new Map<string, number>();
    const handled = new Map<string, number>();
    const relay = bed.relay({
      hooks: { afterBatchPublished: (ids) => ids.forEach((id) => published.set(id, performance.now())) },
    });
    const { consumer } = bed.consumer({
      onProcessed: (message) => handled.set(message.eventId!, performance.now()),
    });
    relay.start();
    await consumer.start();
    await eventually('the relay to be active', () => relay.status().active);
    await eventually('the consumer to join its group', () => consumer.readiness().ready);

    // A first event warms up connections and metadata; it is not measured.
    const warmUp = await bed.commitEvent(randomUUID(), 0);
    await eventually('the warm-up event', () => handled.has(warmUp.id));

    const toKafka: number[] = [];
    const toEffect: number[] = [];
    for (let sequence = 1; sequence <= 50; sequence++) {
      const event = await bed.commitEvent(randomUUID(), sequence);
      const committedAt = performance.now();
      const handledAt = await eventually('the event to take effect', () => handled.get(event.id), 10_000);
      toKafka.push(published.get(event.id)! - committedAt);
      toEffect.push(handledAt - committedAt);
    }
    const kafka = summary(toKafka);
    const effect = summary(toEffect);
    console.log(
      `over ${toEffect.length} events, commit -> on Kafka: ${kafka.text}; commit -> effect: ${effect.text}`,
    );
    // Far above what it should be; only catches a relay that fell back to polling or a consumer that idles.
    expect(kafka.p50).toBeLessThan(250);
    expect(effect.p50).toBeLessThan(400);
  });
});
