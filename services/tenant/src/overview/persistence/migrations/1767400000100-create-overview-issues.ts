import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The issues of each customer as the central view knows them (issue 13), from the issue.* events of the
 * telemetry service: `openIssues` is the count of those not resolved.
 */
export class CreateOverviewIssues1767400000100 implements MigrationInterface {
  name = 'CreateOverviewIssues1767400000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE overview_issues (
        tenant_id uuid NOT NULL,
        issue_id uuid NOT NULL,
        status text NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, issue_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE overview_issues`);
  }
}
