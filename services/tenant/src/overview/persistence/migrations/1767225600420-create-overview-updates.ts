import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The updates of each customer's environments as the central view knows them (issue 4): one row per update
 * (environment × target version), read by tenant through the primary key on every update.* event.
 */
export class CreateOverviewUpdates1767225600420 implements MigrationInterface {
  name = 'CreateOverviewUpdates1767225600420';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE overview_updates (
        tenant_id uuid NOT NULL,
        update_id uuid NOT NULL,
        state jsonb NOT NULL,
        PRIMARY KEY (tenant_id, update_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE overview_updates`);
  }
}
