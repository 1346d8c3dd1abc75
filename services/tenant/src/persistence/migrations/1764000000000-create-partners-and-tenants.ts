import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePartnersAndTenants1764000000000 implements MigrationInterface {
  name = 'CreatePartnersAndTenants1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE partners (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL REFERENCES partners (id),
        name text NOT NULL,
        country_code char(2) NOT NULL,
        external_directory_id text,
        status text NOT NULL CHECK (status IN ('active', 'suspended', 'offboarded')),
        tags text[] NOT NULL DEFAULT '{}',
        contacts jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // Lists are always per partner, newest first, paged by (created_at, id): this index serves them.
    await runner.query(
      `CREATE INDEX tenants_partner_created_idx ON tenants (partner_id, created_at DESC, id DESC)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE tenants`);
    await runner.query(`DROP TABLE partners`);
  }
}
