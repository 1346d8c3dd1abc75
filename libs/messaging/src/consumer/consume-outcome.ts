import type { KafkaMessage } from 'kafkajs';

/** What became of one message. */
export type ConsumeOutcome =
  /** The handler ran and its effect committed with the inbox row. */
  | 'processed'
  /** The event id was already in the inbox: nothing done. */
  | 'duplicate'
  /** No handler for this type in this service. */
  | 'skipped'
  /** Malformed, invalid, or failing after every retry: sent to `<topic>.dlq`. */
  | 'dead-lettered';

export interface ProcessedMessage {
  outcome: ConsumeOutcome;
  topic: string;
  partition: number;
  offset: string;
  type?: string;
  eventId?: string;
  /** Handler attempts made (0 when the handler was not called). */
  attempts: number;
  durationMs: number;
  error?: string;
}

/** Counts the outcomes by kind and tells the `onProcessed` hook (metrics, tests) about each message. */
export class OutcomeReport {
  private readonly counts: Record<ConsumeOutcome, number> = {
    processed: 0,
    duplicate: 0,
    skipped: 0,
    'dead-lettered': 0,
  };

  constructor(private readonly onProcessed?: (message: ProcessedMessage) => void) {}

  add(
    topic: string,
    partition: number,
    message: KafkaMessage,
    outcome: ConsumeOutcome,
    startedAt: number,
    details: Partial<ProcessedMessage> = {},
  ): void {
    this.counts[outcome] += 1;
    this.onProcessed?.({
      outcome,
      topic,
      partition,
      offset: message.offset,
      attempts: 0,
      durationMs: performance.now() - startedAt,
      ...details,
    });
  }

  stats(): Readonly<Record<ConsumeOutcome, number>> {
    return { ...this.counts };
  }
}
