import type { ProcessedMessage } from '../consumer/consume-outcome';
import { DURATION_BUCKETS_SECONDS, sharedCounter, sharedGauge, sharedHistogram } from './shared-metric';

/**
 * The messaging metrics of every service (docs/operations.md, "Metrics"). Labels stay bounded: `group` is the
 * consumer group (the service's name), `topic` one of the contracts' topics, `type` an event type this
 * service handles (anything else is `other`: a message's headers never make new series).
 */
const consumed = sharedCounter({
  name: 'messaging_events_consumed_total',
  help: 'Messages read by the consumer, by outcome: processed, duplicate (already in the inbox), skipped (no handler), dead-lettered',
  labelNames: ['group', 'topic', 'type', 'outcome'] as const,
});

const handlerDuration = sharedHistogram({
  name: 'messaging_handler_duration_seconds',
  help: 'From the start of the transaction that handled a message (a group of messages shares one) to its commit',
  labelNames: ['group', 'topic', 'type'] as const,
  buckets: DURATION_BUCKETS_SECONDS,
});

const handlerFailures = sharedCounter({
  name: 'messaging_handler_failures_total',
  help: 'Handler attempts that threw (each is retried with backoff, then dead-lettered)',
  labelNames: ['group', 'topic', 'type'] as const,
});

const deadLetters = sharedCounter({
  name: 'messaging_dead_letters_total',
  help: 'Messages sent to <topic>.dlq, by the topic they came from',
  labelNames: ['group', 'topic'] as const,
});

const consumerLag = sharedGauge({
  name: 'messaging_consumer_lag',
  help: "Messages of the partition after the last one this instance handled, as of its last fetch (the partition's high watermark then)",
  labelNames: ['group', 'topic', 'partition'] as const,
});

const produced = sharedCounter({
  name: 'messaging_events_produced_total',
  help: 'Events the outbox relay published to Kafka (acknowledged by every in-sync replica)',
  labelNames: ['schema', 'topic', 'type'] as const,
});

/** The consumer's reports, for one group; `known` says which types may be a label. */
export class ConsumerMetrics {
  constructor(
    private readonly group: string,
    private readonly known: (type: string) => boolean,
  ) {}

  processed(message: ProcessedMessage): void {
    const type = this.typeLabel(message.type);
    consumed.inc({ group: this.group, topic: message.topic, type, outcome: message.outcome });
    if (message.outcome === 'processed' || message.outcome === 'duplicate')
      handlerDuration.observe({ group: this.group, topic: message.topic, type }, message.durationMs / 1000);
    if (message.outcome === 'dead-lettered') deadLetters.inc({ group: this.group, topic: message.topic });
  }

  handlerFailed(topic: string, type: string): void {
    handlerFailures.inc({ group: this.group, topic, type: this.typeLabel(type) });
  }

  /** After a fetched batch: `highWatermark` is the offset the next produced message will get. */
  caughtUpTo(topic: string, partition: number, highWatermark: string, lastHandledOffset: string): void {
    const lag = Math.max(0, Number(highWatermark) - Number(lastHandledOffset) - 1);
    consumerLag.set({ group: this.group, topic, partition: String(partition) }, lag);
  }

  private typeLabel(type: string | undefined): string {
    return type !== undefined && this.known(type) ? type : 'other';
  }
}

/** Counts what the relay published, per topic and type (types come from the service's own outbox rows). */
export function countPublished(schema: string, rows: ReadonlyArray<{ topic: string; type: string }>): void {
  for (const row of rows) produced.inc({ schema, topic: row.topic, type: row.type });
}
