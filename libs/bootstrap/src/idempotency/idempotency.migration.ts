import { assertServiceName } from '@pac/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Fixed name: runs once per schema whatever else a service migrates (added by the runtime to every service). */
export const IDEMPOTENCY_KEYS_MIGRATION_NAME = 'IdempotencyKeys1767225600002';

/**
 * The idempotency_keys table of a service's schema: one row per (partner, key) remembered for 24 h, holding the
 * request's fingerprint and, once answered, the first answer. The primary key is what makes two concurrent
 * requests with one key run once: the first insert wins, the other finds the row.
 */
export function idempotencyKeysMigration(schema: string): new () => MigrationInterface {
  assertServiceName(schema);
  const table = `"${schema}".idempotency_keys`;
  return class IdempotencyKeys1767225600002 implements MigrationInterface {
    readonly name = IDEMPOTENCY_KEYS_MIGRATION_NAME;

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`
        CREATE TABLE ${table} (
          partner_id text NOT NULL,
          key text NOT NULL,
          method text NOT NULL,
          path text NOT NULL,
          fingerprint text NOT NULL,
          state text NOT NULL CHECK (state IN ('in-progress', 'completed')),
          claim uuid NOT NULL,
          response_status int,
          response_content_type text,
          response_body text,
          locked_at timestamptz NOT NULL,
          created_at timestamptz NOT NULL,
          expires_at timestamptz NOT NULL,
          PRIMARY KEY (partner_id, key)
        )`);
      await runner.query(`CREATE INDEX idempotency_keys_expires_idx ON ${table} (expires_at)`);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`DROP TABLE ${table}`);
    }
  };
}
