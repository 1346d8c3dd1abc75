import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An update is held while its environment is soft-deleted (issue 11, point 15): the scheduler neither starts
 * it nor finds it missed, so no update.missed day after day. Its two indexes leave held updates out, so that
 * the scheduler's questions stay one index range each.
 */
export class UpdatesHeld1767225600302 implements MigrationInterface {
  name = 'UpdatesHeld1767225600302';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE updates ADD COLUMN held boolean NOT NULL DEFAULT false`);
    await runner.query(`DROP INDEX updates_due`);
    await runner.query(`DROP INDEX updates_window_passed`);
    await runner.query(
      `CREATE INDEX updates_due ON updates (scheduled_for) WHERE status = 'scheduled' AND NOT held`,
    );
    await runner.query(
      `CREATE INDEX updates_window_passed ON updates (window_closes_at) WHERE status = 'scheduled' AND NOT held`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX updates_due`);
    await runner.query(`DROP INDEX updates_window_passed`);
    await runner.query(`CREATE INDEX updates_due ON updates (scheduled_for) WHERE status = 'scheduled'`);
    await runner.query(
      `CREATE INDEX updates_window_passed ON updates (window_closes_at) WHERE status = 'scheduled'`,
    );
    await runner.query(`ALTER TABLE updates DROP COLUMN held`);
  }
}
