/**
 * An outbox relay in a process of its own, for the crash tests. RELAY_FAULT makes it SIGKILL itself at a
 * chosen point: `after-read` (batch read, nothing sent) or `after-publish` (batch on Kafka, not yet marked).
 * Run with `node -r ./libs/messaging/test/register-typescript.js libs/messaging/test/relay-process.ts`.
 */
import { createServiceDataSource } from '@pac/persistence';
import { createKafka, OutboxRelay, silentLogger } from '../src';

async function main(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  const schema = env('RELAY_SCHEMA');
  const fault = process.env['RELAY_FAULT'];
  const dataSource = createServiceDataSource({
    url: env('RELAY_DATABASE_URL'),
    schema,
    entities: [],
    migrations: [],
  });
  const kafka = createKafka({
    brokers: env('KAFKA_BROKERS'),
    clientId: 'relay-process',
    logger: silentLogger,
  });
  const die = () => {
    process.kill(process.pid, 'SIGKILL');
  };
  const relay = new OutboxRelay({
    dataSource,
    kafka,
    schema,
    logger: silentLogger,
    hooks: {
      afterBatchRead: fault === 'after-read' ? die : undefined,
      afterBatchPublished: fault === 'after-publish' ? die : undefined,
    },
  });
  relay.start();
  process.once('SIGTERM', () => {
    void relay.stop().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
