import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The apply-update job's question: which update operations are running (their environment is `updating`). */
export class IndexRunningUpdates1767225600400 implements MigrationInterface {
  name = 'IndexRunningUpdates1767225600400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE INDEX operations_running_update_idx ON operations (started_at) WHERE type = 'update' AND status = 'running'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX operations_running_update_idx`);
  }
}
