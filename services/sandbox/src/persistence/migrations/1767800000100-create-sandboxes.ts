import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSandboxes1767800000100 implements MigrationInterface {
  name = 'CreateSandboxes1767800000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE sandboxes (
        id uuid PRIMARY KEY,
        operation_id uuid NOT NULL UNIQUE,
        tenant_id uuid NOT NULL,
        partner_id uuid NOT NULL,
        name text NOT NULL,
        source_environment text NOT NULL,
        target_version text,
        expires_in_days integer NOT NULL,
        status text NOT NULL,
        attempt integer NOT NULL,
        copy_operation_id uuid,
        application_version text,
        update_result jsonb,
        issue_id uuid,
        caller jsonb NOT NULL,
        error jsonb,
        expires_at timestamptz,
        expiring boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // One live sandbox per name and tenant, whatever the case.
    await runner.query(`
      CREATE UNIQUE INDEX sandboxes_live_name ON sandboxes (tenant_id, lower(name))
      WHERE status IN ('queued', 'copying', 'updating', 'ready', 'canceling', 'deleting')`);
    // The saga's work: each tenant's oldest sandbox with a step to run.
    await runner.query(`
      CREATE INDEX sandboxes_saga ON sandboxes (tenant_id, created_at)
      WHERE status IN ('queued', 'copying', 'updating', 'canceling', 'deleting')`);
    await runner.query(`CREATE INDEX sandboxes_expiry ON sandboxes (expires_at) WHERE status = 'ready'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE sandboxes`);
  }
}
