import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Unread notifications per customer (issue 12), counted from the notification service's events. A table of
 * its own, not a column of the overview row: a notification event may arrive before the tenant.created that
 * makes the row (they travel on different topics), and its count must not be lost.
 */
export class CreateOverviewUnreadNotifications1767500000100 implements MigrationInterface {
  name = 'CreateOverviewUnreadNotifications1767500000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE overview_unread_notifications (
        tenant_id uuid PRIMARY KEY,
        unread integer NOT NULL
      )`);
    await runner.query(`ALTER TABLE overview DROP COLUMN unread_notifications`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE overview ADD COLUMN unread_notifications integer NOT NULL DEFAULT 0`);
    await runner.query(`DROP TABLE overview_unread_notifications`);
  }
}
