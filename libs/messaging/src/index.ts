// class-transformer's decorators in the contracts need the Reflect metadata API when they load.
import 'reflect-metadata';
export * from './logger';
export * from './envelope/event-envelope';
export * from './envelope/kafka-message';
export * from './envelope/validate-payload';
export * from './outbox/messaging-tables';
export * from './outbox/outbox';
export * from './outbox/outbox-relay';
export * from './consumer/event-consumer';
export * from './consumer/retry-policy';
export * from './backoff/capped-backoff';
export * from './backoff/outage-log';
export { DeadLetterHeaders } from './consumer/dead-letter';
export * from './kafka/create-kafka';
export * from './kafka/broker-reachability';
export * from './inspection/event-stream-inspector';
export * from './kafka/kafka-client';
