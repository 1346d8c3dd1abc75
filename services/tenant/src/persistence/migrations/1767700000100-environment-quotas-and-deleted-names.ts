import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: per-tenant quota grants (what a platform admin adds to the defaults), the name a soft-deleted
 * environment had before its deletion renamed it, and the question of the environment operations runner
 * (rename, soft delete and recover are scheduled operations now).
 */
export class EnvironmentQuotasAndDeletedNames1767700000100 implements MigrationInterface {
  name = 'EnvironmentQuotasAndDeletedNames1767700000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE environment_quotas (
        tenant_id uuid PRIMARY KEY REFERENCES tenants (id),
        additional_production_environments integer NOT NULL CHECK (additional_production_environments >= 0),
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL
      )`);
    await runner.query(`ALTER TABLE environments ADD COLUMN name_before_deletion text`);
    await runner.query(
      `CREATE INDEX operations_pending_environment_idx ON operations (environment_id)
         WHERE status IN ('scheduled', 'running')`,
    );
    await runner.query(
      `CREATE INDEX operations_scheduled_environment_idx ON operations (created_at)
         WHERE status = 'scheduled' AND type IN ('rename', 'soft-delete', 'recover')`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX operations_scheduled_environment_idx`);
    await runner.query(`DROP INDEX operations_pending_environment_idx`);
    await runner.query(`ALTER TABLE environments DROP COLUMN name_before_deletion`);
    await runner.query(`DROP TABLE environment_quotas`);
  }
}
