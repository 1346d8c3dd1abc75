import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import type { MessagingLogger } from '../logger';
import { deadLetterMessage } from './dead-letter';
import { detailsOf, type Invalid } from './prepared-message';

/** Sends the messages a consumer cannot handle to `<topic>.dlq`, on a producer of its own. */
export class DeadLetterSender {
  private producer: Producer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    private readonly logger: MessagingLogger,
  ) {}

  async connect(): Promise<void> {
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await this.producer.connect();
  }

  async disconnect(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect();
  }

  /** The original messages on `<topic>.dlq`, in order, in one request; logged first. */
  async send(topic: string, partition: number, items: readonly Invalid[]): Promise<void> {
    for (const item of items)
      this.logger.warn(
        { topic, partition, offset: item.message.offset, ...detailsOf(item) },
        'message dead-lettered',
      );
    const letters = items.map((item) =>
      deadLetterMessage({
        topic,
        partition,
        message: item.message,
        error: item.error,
        consumerGroup: this.groupId,
      }),
    );
    await this.producer!.sendBatch({
      topicMessages: [{ topic: letters[0]!.topic, messages: letters.flatMap((l) => l.messages) }],
      acks: -1,
    });
  }
}
