import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SandboxExpiryWarning1767800000300 implements MigrationInterface {
  name = 'SandboxExpiryWarning1767800000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE sandboxes ADD COLUMN expiry_warned_at timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE sandboxes DROP COLUMN expiry_warned_at`);
  }
}
