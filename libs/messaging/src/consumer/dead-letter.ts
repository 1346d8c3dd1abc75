import { deadLetterTopicOf } from '@pac/contracts';
import type { IHeaders, KafkaMessage, TopicMessages } from 'kafkajs';

export const DeadLetterHeaders = {
  error: 'x-error',
  originalTopic: 'x-original-topic',
  originalPartition: 'x-original-partition',
  originalOffset: 'x-original-offset',
  consumerGroup: 'x-consumer-group',
} as const;

/** Long stack traces or payload dumps are cut: the header is for people reading the dead-letter topic. */
const MAX_ERROR_LENGTH = 4000;

export interface DeadLetter {
  topic: string;
  partition: number;
  message: KafkaMessage;
  error: string;
  consumerGroup: string;
}

/** The original message, unchanged, on `<topic>.dlq`, with where it came from and why it could not be handled. */
export function deadLetterMessage(letter: DeadLetter): TopicMessages {
  const headers: IHeaders = {
    ...letter.message.headers,
    [DeadLetterHeaders.error]: letter.error.slice(0, MAX_ERROR_LENGTH),
    [DeadLetterHeaders.originalTopic]: letter.topic,
    [DeadLetterHeaders.originalPartition]: String(letter.partition),
    [DeadLetterHeaders.originalOffset]: letter.message.offset,
    [DeadLetterHeaders.consumerGroup]: letter.consumerGroup,
  };
  return {
    topic: deadLetterTopicOf(letter.topic),
    messages: [{ key: letter.message.key, value: letter.message.value, headers }],
  };
}
