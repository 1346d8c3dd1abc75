import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: the product has one sandbox quota, the tenant service's (sandboxes are sandbox environments,
 * counted by GET /v1/tenants/{id}/environment-quotas); this service's own copy goes.
 */
export class DropSandboxQuotas1767700000200 implements MigrationInterface {
  name = 'DropSandboxQuotas1767700000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS sandbox_quotas`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE sandbox_quotas (
        tenant_id uuid PRIMARY KEY,
        partner_id uuid NOT NULL,
        max_sandboxes integer NOT NULL CHECK (max_sandboxes >= 0),
        created_at timestamptz NOT NULL
      )`);
  }
}
