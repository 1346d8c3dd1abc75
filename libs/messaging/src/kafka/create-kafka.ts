import { Kafka, logLevel as KafkaLogLevel, type LogEntry } from 'kafkajs';
import type { MessagingLogger } from '../logger';

export interface CreateKafkaOptions {
  /** Broker addresses, as a list or as the comma-separated KAFKA_BROKERS value. */
  brokers: string[] | string;
  clientId: string;
  logger: MessagingLogger;
  /** kafkajs is chatty at info level (every join and commit); only warnings and errors by default. */
  logLevel?: KafkaLogLevel;
}

/** A kafkajs client whose logs go to the service's logger, with retries that ride out a broker restart. */
export function createKafka(options: CreateKafkaOptions): Kafka {
  const brokers = typeof options.brokers === 'string' ? parseBrokers(options.brokers) : options.brokers;
  if (brokers.length === 0) throw new Error('createKafka needs at least one broker address');
  return new Kafka({
    clientId: options.clientId,
    brokers,
    logLevel: options.logLevel ?? KafkaLogLevel.WARN,
    logCreator: () => (entry) => routeLogEntry(options.logger, entry),
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 100, maxRetryTime: 5_000, retries: 10 },
  });
}

export function parseBrokers(value: string): string[] {
  return value
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
}

/**
 * kafkajs warns whenever an idempotent producer has bounded retries. Ours are bounded on purpose: a send that
 * keeps failing makes the relay start over from the outbox (at least once, consumers dedupe) instead of
 * hanging forever while Kafka is away.
 */
const EXPECTED_WARNINGS = ['Limiting retries for the idempotent producer may invalidate EoS guarantees'];

function routeLogEntry(logger: MessagingLogger, { namespace, level, log }: LogEntry): void {
  const { message, timestamp: _timestamp, logger: _origin, ...details } = log;
  const context = { kafkajs: namespace, ...details };
  if (EXPECTED_WARNINGS.includes(message)) return logger.debug(context, message);
  switch (level) {
    case KafkaLogLevel.ERROR:
    case KafkaLogLevel.NOTHING:
      return logger.error(context, message);
    case KafkaLogLevel.WARN:
      return logger.warn(context, message);
    case KafkaLogLevel.INFO:
      return logger.info(context, message);
    default:
      return logger.debug(context, message);
  }
}
