import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEnvironmentsExtensionsOperations1767225600201 implements MigrationInterface {
  name = 'CreateEnvironmentsExtensionsOperations1767225600201';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE environments (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        name text NOT NULL,
        type text NOT NULL CHECK (type IN ('production', 'sandbox')),
        status text NOT NULL CHECK (status IN ('preparing', 'active', 'updating', 'failed', 'soft-deleted')),
        application_version text NOT NULL,
        country_code char(2) NOT NULL,
        source_environment text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        soft_deleted_at timestamptz,
        purge_at timestamptz,
        status_before_deletion text
      )`);
    // Names are unique per tenant whatever their case; a soft-deleted environment keeps its name until purged.
    await runner.query(
      `CREATE UNIQUE INDEX environments_tenant_name_key ON environments (tenant_id, lower(name))`,
    );
    await runner.query(
      `CREATE INDEX environments_tenant_created_idx ON environments (tenant_id, created_at DESC, id DESC)`,
    );
    // The purge job's question: which soft-deleted environments are past purge_at.
    await runner.query(
      `CREATE INDEX environments_purge_idx ON environments (purge_at) WHERE status = 'soft-deleted'`,
    );

    await runner.query(`
      CREATE TABLE extensions (
        id uuid PRIMARY KEY,
        environment_id uuid NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
        publisher text NOT NULL,
        name text NOT NULL,
        version text NOT NULL,
        min_version text NOT NULL,
        max_version text,
        installed_at timestamptz NOT NULL
      )`);
    // One version of an extension (publisher + name, any case) per environment.
    await runner.query(
      `CREATE UNIQUE INDEX extensions_environment_extension_key
         ON extensions (environment_id, lower(publisher), lower(name))`,
    );

    await runner.query(`
      CREATE TABLE operations (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        environment_id uuid,
        environment_name text,
        type text NOT NULL,
        status text NOT NULL
          CHECK (status IN ('queued', 'scheduled', 'running', 'succeeded', 'failed', 'canceled', 'skipped')),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        started_at timestamptz,
        completed_at timestamptz,
        error jsonb,
        parameters jsonb NOT NULL DEFAULT '{}'
      )`);
    await runner.query(
      `CREATE INDEX operations_tenant_created_idx ON operations (tenant_id, created_at DESC, id DESC)`,
    );
    // The preparation job's question: which create operations are still running.
    await runner.query(
      `CREATE INDEX operations_running_create_idx ON operations (created_at)
         WHERE type = 'create' AND status = 'running'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE operations`);
    await runner.query(`DROP TABLE extensions`);
    await runner.query(`DROP TABLE environments`);
  }
}
