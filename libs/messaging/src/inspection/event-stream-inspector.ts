import { randomUUID } from 'node:crypto';
import { deadLetterTopicOf } from '@pac/contracts';
import { Partitioners, type Admin, type Consumer, type IHeaders, type Kafka } from 'kafkajs';
import { DeadLetterHeaders } from '../consumer/dead-letter';

/** A message as people and tools look at it: where it is, its key, its headers as text, its value as text. */
export interface InspectedMessage {
  topic: string;
  partition: number;
  offset: string;
  /** The broker's timestamp (ms since the epoch), as text. */
  timestamp: string;
  key: string | null;
  headers: Record<string, string>;
  value: string | null;
}

export interface ReadOptions {
  /** From the first message kept (true) or only what arrives from now on (false). */
  fromBeginning: boolean;
  /** Keep reading as messages arrive (true), or stop once the end of each partition at the start is read. */
  follow: boolean;
  /** Stops a followed read. */
  signal?: AbortSignal;
}

export interface PartitionLag {
  group: string;
  topic: string;
  partition: number;
  /** The group's committed offset; -1 when it has committed none on this partition. */
  committed: number;
  end: number;
  lag: number;
}

/**
 * What operations teams ask of the event streams, without touching any service: read topics (tail, dead
 * letters), count messages, the lag of consumer groups, and replaying dead letters to the topic they came
 * from. Reads go through a throwaway consumer group that is deleted afterwards, so services' groups and
 * offsets are never touched.
 */
export class EventStreamInspector {
  private readonly admin: Admin;
  private connected = false;

  constructor(private readonly kafka: Kafka) {
    this.admin = kafka.admin();
  }

  async close(): Promise<void> {
    if (this.connected) await this.admin.disconnect();
    this.connected = false;
  }

  /** Every message of `topics` (as ReadOptions says), in order within each partition. */
  async read(
    topics: string[],
    options: ReadOptions,
    onMessage: (m: InspectedMessage) => void,
  ): Promise<void> {
    const admin = await this.connectedAdmin();
    const ends = new Map<string, number>();
    if (!options.follow) {
      for (const topic of topics) {
        for (const partition of await admin.fetchTopicOffsets(topic)) {
          const from = options.fromBeginning ? Number(partition.low) : Number(partition.high);
          if (Number(partition.high) > from)
            ends.set(`${topic}:${partition.partition}`, Number(partition.high));
        }
      }
      if (ends.size === 0) return;
    }
    const groupId = `${INSPECTOR_GROUP_PREFIX}${randomUUID()}`;
    const consumer = this.kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 200 });
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    options.signal?.addEventListener('abort', () => finish(), { once: true });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: options.fromBeginning });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ topic, partition, message }) => {
          const at = `${topic}:${partition}`;
          const end = ends.get(at);
          if (!options.follow && (end === undefined || Number(message.offset) >= end)) return;
          onMessage({
            topic,
            partition,
            offset: message.offset,
            timestamp: message.timestamp,
            key: message.key?.toString('utf8') ?? null,
            headers: headersAsText(message.headers),
            value: message.value?.toString('utf8') ?? null,
          });
          if (!options.follow && Number(message.offset) >= end! - 1) {
            ends.delete(at);
            if (ends.size === 0) finish();
          }
        },
      });
      await finished;
    } finally {
      await stopAndForget(consumer, admin, groupId);
    }
  }

  /** Every dead letter of the given dead-letter topics, oldest first per partition. */
  async deadLetters(deadLetterTopics: string[]): Promise<InspectedMessage[]> {
    const letters: InspectedMessage[] = [];
    await this.read(deadLetterTopics, { fromBeginning: true, follow: false }, (m) => letters.push(m));
    return letters;
  }

  /** Messages kept on each topic (end minus start offsets over its partitions). */
  async messageCounts(topics: string[]): Promise<Map<string, number>> {
    const admin = await this.connectedAdmin();
    const counts = new Map<string, number>();
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      counts.set(
        topic,
        offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0),
      );
    }
    return counts;
  }

  /** The consumer groups of the services (the inspector's own throwaway groups left out). */
  async groups(): Promise<string[]> {
    const admin = await this.connectedAdmin();
    const { groups } = await admin.listGroups();
    return groups
      .map((g) => g.groupId)
      .filter((id) => !id.startsWith(INSPECTOR_GROUP_PREFIX))
      .sort();
  }

  /** How far each group is behind the end of each partition of the topics it has committed on. */
  async lag(groups: string[]): Promise<PartitionLag[]> {
    const admin = await this.connectedAdmin();
    const lags: PartitionLag[] = [];
    for (const group of groups) {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId: group })) {
        const ends = new Map(
          (await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)] as const),
        );
        for (const { partition, offset } of partitions) {
          const committed = Number(offset);
          const end = ends.get(partition) ?? 0;
          lags.push({ group, topic, partition, committed, end, lag: end - Math.max(committed, 0) });
        }
      }
    }
    return lags;
  }

  /**
   * Sends dead letters back to the topic they came from, as they were (key, value, original headers), with
   * `x-replayed-from` naming the dead letter: consumers handle them again (the inbox skips any already handled).
   */
  async replay(letters: InspectedMessage[]): Promise<number> {
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    try {
      let sent = 0;
      for (const letter of letters) {
        const original = letter.headers[DeadLetterHeaders.originalTopic];
        if (!original || deadLetterTopicOf(original) !== letter.topic) {
          throw new Error(
            `${letter.topic}:${letter.partition}@${letter.offset} is not a dead letter of ours`,
          );
        }
        const headers = Object.fromEntries(
          Object.entries(letter.headers).filter(([name]) => !DEAD_LETTER_HEADER_NAMES.has(name)),
        );
        headers['x-replayed-from'] = `${letter.topic}:${letter.partition}@${letter.offset}`;
        await producer.send({
          topic: original,
          acks: -1,
          messages: [{ key: letter.key, value: letter.value, headers }],
        });
        sent += 1;
      }
      return sent;
    } finally {
      await producer.disconnect();
    }
  }

  private async connectedAdmin(): Promise<Admin> {
    if (!this.connected) {
      await this.admin.connect();
      this.connected = true;
    }
    return this.admin;
  }
}

const INSPECTOR_GROUP_PREFIX = 'pac-inspect-';
const DEAD_LETTER_HEADER_NAMES: ReadonlySet<string> = new Set(Object.values(DeadLetterHeaders));

function headersAsText(headers: IHeaders | undefined): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const first = Array.isArray(raw) ? raw[0] : raw;
    if (first !== undefined) text[name] = typeof first === 'string' ? first : first.toString('utf8');
  }
  return text;
}

async function stopAndForget(consumer: Consumer, admin: Admin, groupId: string): Promise<void> {
  await consumer.disconnect().catch(() => undefined);
  // A group with no member and no committed offset: deleting it leaves no trace of the read.
  await admin.deleteGroups([groupId]).catch(() => undefined);
}
