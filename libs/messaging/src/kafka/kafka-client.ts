/**
 * The Kafka client library's names that the rest of the code base uses, from here only: kafkajs is imported by
 * libs/messaging alone (lint refuses it elsewhere), so that replacing it (docs/architecture.md, "The Kafka
 * client") changes this library and nothing else. Keep this list short: prefer a function of this library to
 * handing out one more of kafkajs' types.
 */
export { Kafka, Partitioners, logLevel as KafkaLogLevel } from 'kafkajs';
export type { Admin, Consumer, IHeaders, KafkaMessage, Message, Producer } from 'kafkajs';
