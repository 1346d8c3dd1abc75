import type { MigrationInterface, QueryRunner } from 'typeorm';

export const TENANT_DIRECTORY_MIGRATION_NAME = 'TenantDirectory1767225600001';

/** The tenant_directory table, in the schema of every service that keeps one (added by the runtime). */
export function tenantDirectoryMigration(): new () => MigrationInterface {
  return class TenantDirectory1767225600001 implements MigrationInterface {
    readonly name = TENANT_DIRECTORY_MIGRATION_NAME;

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`
        CREATE TABLE tenant_directory (
          tenant_id uuid PRIMARY KEY,
          partner_id uuid NOT NULL,
          name text NOT NULL,
          status text NOT NULL,
          updated_at timestamptz NOT NULL
        )`);
      await runner.query(`CREATE INDEX tenant_directory_partner_idx ON tenant_directory (partner_id)`);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`DROP TABLE tenant_directory`);
    }
  };
}
