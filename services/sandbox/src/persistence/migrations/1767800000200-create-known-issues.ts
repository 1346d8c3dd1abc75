import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateKnownIssues1767800000200 implements MigrationInterface {
  name = 'CreateKnownIssues1767800000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE known_issues (
        issue_id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        partner_id uuid NOT NULL,
        environment_name text NOT NULL,
        event_id text NOT NULL,
        opened_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE known_issues`);
  }
}
