import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOverview1767225600100 implements MigrationInterface {
  name = 'CreateOverview1767225600100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE overview (
        tenant_id uuid PRIMARY KEY,
        partner_id uuid NOT NULL,
        name text NOT NULL,
        country_code char(2) NOT NULL,
        status text NOT NULL,
        tags text[] NOT NULL DEFAULT '{}',
        production_environments integer NOT NULL DEFAULT 0,
        sandbox_environments integer NOT NULL DEFAULT 0,
        versions text[] NOT NULL DEFAULT '{}',
        next_update jsonb,
        last_update_result jsonb,
        update_status text NOT NULL DEFAULT 'none',
        open_issues integer NOT NULL DEFAULT 0,
        unread_notifications integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // Pages are per partner, newest customer first, like GET /v1/tenants.
    await runner.query(
      `CREATE INDEX overview_partner_created_idx ON overview (partner_id, created_at DESC, tenant_id DESC)`,
    );
    await runner.query(`
      CREATE TABLE overview_environments (
        tenant_id uuid NOT NULL,
        name text NOT NULL,
        type text NOT NULL,
        status text NOT NULL,
        application_version text NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, name)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE overview_environments`);
    await runner.query(`DROP TABLE overview`);
  }
}
