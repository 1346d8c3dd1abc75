export type { StackOptions } from './stack-options';
export { stackOptionsFromEnv } from './stack-options';
export type { RunningStack } from './stack';
export { stackDown, stackStatus, stackUp, stopWhatStackUpStarted } from './stack';
export { killLocalKafka, stopLocalPostgresImmediately } from './stack-faults';
export { listEnvelopes, mailFolder, readMailbox } from './mail/mailbox';
export type { ReceivedMail, StoredEnvelope } from './mail/mailbox';
