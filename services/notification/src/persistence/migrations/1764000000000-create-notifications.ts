import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNotifications1764000000000 implements MigrationInterface {
  name = 'CreateNotifications1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL,
        tenant_id uuid NOT NULL,
        environment_name text,
        type text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('info', 'warning', 'error')),
        title text NOT NULL,
        body text NOT NULL,
        source_event_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz
      )`);
    // The inbox is read per partner, newest first; unread ones most often.
    await runner.query(
      `CREATE INDEX notifications_partner_idx ON notifications (partner_id, created_at DESC, id DESC)`,
    );
    await runner.query(
      `CREATE INDEX notifications_partner_unread_idx ON notifications (partner_id, created_at DESC, id DESC) WHERE read_at IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE notifications`);
  }
}
