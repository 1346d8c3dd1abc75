import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUpdateWindowPolicies1764000000000 implements MigrationInterface {
  name = 'CreateUpdateWindowPolicies1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE update_window_policies (
        tenant_id uuid PRIMARY KEY,
        partner_id uuid NOT NULL,
        preferred_start_time text NOT NULL,
        preferred_end_time text NOT NULL,
        time_zone text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE update_window_policies`);
  }
}
