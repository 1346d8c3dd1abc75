import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: notifications in two languages with links and the event they were made of, numbered per partner
 * (the live stream's positions); e-mail recipients and webhooks, and the deliveries of each.
 */
export class CreateNotificationChannels1767500000100 implements MigrationInterface {
  name = 'CreateNotificationChannels1767500000100';

  async up(runner: QueryRunner): Promise<void> {
    // A notification about the partner itself (a webhook disabled) has no tenant.
    await runner.query(`ALTER TABLE notifications ALTER COLUMN tenant_id DROP NOT NULL`);
    await runner.query(`ALTER TABLE notifications ADD COLUMN text jsonb`);
    await runner.query(`
      UPDATE notifications SET text = jsonb_build_object(
        'en', jsonb_build_object('title', title, 'body', body),
        'fr', jsonb_build_object('title', title, 'body', body))`);
    await runner.query(`ALTER TABLE notifications ALTER COLUMN text SET NOT NULL`);
    await runner.query(`ALTER TABLE notifications DROP COLUMN title, DROP COLUMN body`);
    await runner.query(`ALTER TABLE notifications ADD COLUMN links jsonb NOT NULL DEFAULT '{}'`);
    // The event it was made of (webhook deliveries send it); null for notifications made before.
    await runner.query(`ALTER TABLE notifications ADD COLUMN source_event jsonb`);
    await runner.query(`ALTER TABLE notifications ADD COLUMN sequence bigint`);
    await runner.query(`
      UPDATE notifications n SET sequence = numbered.sequence
        FROM (SELECT id, row_number() OVER (PARTITION BY partner_id ORDER BY created_at, id) AS sequence
                FROM notifications) numbered
       WHERE numbered.id = n.id`);
    await runner.query(`ALTER TABLE notifications ALTER COLUMN sequence SET NOT NULL`);
    await runner.query(
      `CREATE UNIQUE INDEX notifications_partner_sequence_idx ON notifications (partner_id, sequence)`,
    );
    await runner.query(
      `CREATE UNIQUE INDEX notifications_source_event_idx ON notifications (source_event_id)`,
    );

    await runner.query(`
      CREATE TABLE recipients (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL,
        tenant_id uuid NOT NULL,
        email text NOT NULL,
        name text NOT NULL,
        locale text NOT NULL CHECK (locale IN ('en', 'fr')),
        event_types text[],
        created_at timestamptz NOT NULL
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX recipients_tenant_email_idx ON recipients (tenant_id, lower(email))`,
    );

    await runner.query(`
      CREATE TABLE webhooks (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL,
        url text NOT NULL,
        event_types text[] NOT NULL,
        description text,
        secret_ciphertext text NOT NULL,
        status text NOT NULL CHECK (status IN ('enabled', 'disabled')),
        failing_since timestamptz,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX webhooks_partner_idx ON webhooks (partner_id, created_at DESC, id DESC)`,
    );

    const progress = `
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL,
        next_attempt_at timestamptz NOT NULL,
        first_attempt_at timestamptz,
        last_attempt_at timestamptz,
        last_status_code integer,
        last_error text,
        latency_ms integer,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL`;
    await runner.query(`
      CREATE TABLE email_deliveries (
        id uuid PRIMARY KEY,
        recipient_id uuid NOT NULL REFERENCES recipients (id) ON DELETE CASCADE,
        notification_id uuid NOT NULL REFERENCES notifications (id),
        partner_id uuid NOT NULL,
        tenant_id uuid NOT NULL,
        ${progress}
      )`);
    await runner.query(
      `CREATE INDEX email_deliveries_due_idx ON email_deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
    await runner.query(
      `CREATE INDEX email_deliveries_log_idx ON email_deliveries (recipient_id, created_at DESC, id DESC)`,
    );

    await runner.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY,
        webhook_id uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
        notification_id uuid NOT NULL REFERENCES notifications (id),
        partner_id uuid NOT NULL,
        tenant_id uuid,
        -- Deliveries of one webhook and one tenant (or of the partner itself) go out one after the other, in
        -- the order of "position": the order the notifications were made in.
        lane text NOT NULL,
        position bigserial NOT NULL,
        redelivery_of uuid,
        ${progress}
      )`);
    await runner.query(
      `CREATE INDEX webhook_deliveries_lane_idx ON webhook_deliveries (webhook_id, lane, position) WHERE status = 'pending'`,
    );
    await runner.query(
      `CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
    await runner.query(
      `CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (webhook_id, created_at DESC, id DESC)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE webhook_deliveries, email_deliveries, webhooks, recipients`);
    await runner.query(`DROP INDEX notifications_source_event_idx, notifications_partner_sequence_idx`);
    await runner.query(
      `ALTER TABLE notifications DROP COLUMN sequence, DROP COLUMN source_event, DROP COLUMN links`,
    );
    await runner.query(`ALTER TABLE notifications ADD COLUMN title text, ADD COLUMN body text`);
    await runner.query(`UPDATE notifications SET title = text->'en'->>'title', body = text->'en'->>'body'`);
    await runner.query(`ALTER TABLE notifications DROP COLUMN text`);
  }
}
