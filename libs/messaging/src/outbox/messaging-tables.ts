import { assertServiceName } from '@pac/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The channel on which the outbox announces new rows; one per schema. */
export function outboxChannelOf(schema: string): string {
  assertServiceName(schema);
  return `${schema}_outbox`;
}

/**
 * The outbox (events waiting to be relayed to Kafka, written in the same transaction as the state change)
 * and the inbox (events already handled, per consumer group, written in the same transaction as the effect).
 * A statement trigger NOTIFYs the relay, which Postgres delivers at commit: the relay wakes up as soon as the
 * event is durable, without polling for it.
 */
export function createMessagingTablesSql(schema: string): string {
  const s = `"${schema}"`;
  const channel = outboxChannelOf(schema);
  return `
CREATE TABLE IF NOT EXISTS ${s}.outbox (
  id bigserial PRIMARY KEY,
  event_id uuid NOT NULL UNIQUE,
  topic text NOT NULL,
  message_key text NOT NULL,
  type text NOT NULL,
  source text NOT NULL,
  subject text NOT NULL,
  "time" timestamptz NOT NULL,
  headers jsonb NOT NULL DEFAULT '{}'::jsonb,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX IF NOT EXISTS outbox_unpublished ON ${s}.outbox (id) WHERE published_at IS NULL;
CREATE INDEX IF NOT EXISTS outbox_published_at ON ${s}.outbox (published_at) WHERE published_at IS NOT NULL;

CREATE TABLE IF NOT EXISTS ${s}.inbox (
  consumer_group text NOT NULL,
  event_id uuid NOT NULL,
  topic text NOT NULL,
  type text NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, event_id)
);

CREATE OR REPLACE FUNCTION ${s}.notify_outbox_relay() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${channel}', '');
  RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS outbox_inserted ON ${s}.outbox;
CREATE TRIGGER outbox_inserted AFTER INSERT ON ${s}.outbox
  FOR EACH STATEMENT EXECUTE FUNCTION ${s}.notify_outbox_relay();
`;
}

export function dropMessagingTablesSql(schema: string): string {
  assertServiceName(schema);
  const s = `"${schema}"`;
  return `
DROP TABLE IF EXISTS ${s}.outbox;
DROP TABLE IF EXISTS ${s}.inbox;
DROP FUNCTION IF EXISTS ${s}.notify_outbox_relay();
`;
}

/** The migration's name is fixed, so that it runs once per schema whatever else a service migrates. */
export const MESSAGING_TABLES_MIGRATION_NAME = 'MessagingTables1767225600000';

/** A TypeORM migration creating the messaging tables in a service's schema; list it among its migrations. */
export function messagingTablesMigration(schema: string): new () => MigrationInterface {
  assertServiceName(schema);
  return class MessagingTables1767225600000 implements MigrationInterface {
    readonly name = MESSAGING_TABLES_MIGRATION_NAME;

    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(createMessagingTablesSql(schema));
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(dropMessagingTablesSql(schema));
    }
  };
}
