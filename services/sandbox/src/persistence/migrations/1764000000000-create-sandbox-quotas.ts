import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSandboxQuotas1764000000000 implements MigrationInterface {
  name = 'CreateSandboxQuotas1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE sandbox_quotas (
        tenant_id uuid PRIMARY KEY,
        partner_id uuid NOT NULL,
        max_sandboxes integer NOT NULL CHECK (max_sandboxes >= 0),
        created_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE sandbox_quotas`);
  }
}
