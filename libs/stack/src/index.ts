export type { StackOptions } from './stack-options';
export { stackOptionsFromEnv } from './stack-options';
export type { RunningStack } from './stack';
export { stackDown, stackStatus, stackUp, stopWhatStackUpStarted } from './stack';
export { killKafkaNode, killLocalKafka, stopLocalPostgresImmediately } from './stack-faults';
export { clusterNodePorts } from './kafka/kafka-cluster';
export { listEnvelopes, mailFolder, readMailbox } from './mail/mailbox';
export type { ReceivedMail, StoredEnvelope } from './mail/mailbox';
