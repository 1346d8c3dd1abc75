import { randomUUID } from 'node:crypto';
import { Topics } from '@pac/contracts';
import { headerText, Kafka, KafkaLogLevel as logLevel } from '@pac/messaging';
import { requiredEnv } from '@pac/testing';

export interface PublishedEvent {
  type: string;
  subject: string;
  data: Record<string, unknown>;
}

/**
 * What integrators see of one tenant on a public topic (`admin-center.tenant.v1` unless told): its events in
 * order (they are keyed by tenant id), read from the beginning by a consumer group of its own, until `until`
 * holds.
 */
export async function publishedEventsOf(
  tenantId: string,
  until: (types: string[]) => boolean,
  timeoutMs = 30_000,
  topic: string = Topics.tenant,
): Promise<PublishedEvent[]> {
  const kafka = new Kafka({
    clientId: 'e2e-reader',
    brokers: requiredEnv('KAFKA_BROKERS').split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `e2e-reader-${randomUUID()}` });
  const seen: PublishedEvent[] = [];
  let done!: () => void;
  const complete = new Promise<void>((resolve) => (done = resolve));
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() !== tenantId) return;
        seen.push({
          type: headerText(message.headers, 'ce_type') ?? '',
          subject: headerText(message.headers, 'ce_subject') ?? '',
          data: JSON.parse(message.value?.toString() ?? '{}') as Record<string, unknown>,
        });
        if (until(seen.map((e) => e.type))) done();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([complete, timeout]);
    clearTimeout(timer);
  } finally {
    await consumer.disconnect();
  }
  return seen;
}
