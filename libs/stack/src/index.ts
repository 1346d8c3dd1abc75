export type { StackOptions } from './stack-options';
export { stackOptionsFromEnv } from './stack-options';
export type { RunningStack } from './stack';
export { stackDown, stackStatus, stackUp, stopWhatStackUpStarted } from './stack';
export { killLocalKafka, stopLocalPostgresImmediately } from './stack-faults';
