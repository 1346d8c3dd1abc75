import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A release is offered in lanes (ranges of tenant ids), each with its own cursor, so that several
 * transactions (and instances) offer it at once; the single cursor on the release row goes.
 */
export class ReleaseDistributionLanes1767225600301 implements MigrationInterface {
  name = 'ReleaseDistributionLanes1767225600301';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE release_distribution_lanes (
        version text NOT NULL REFERENCES releases (version),
        lane integer NOT NULL,
        -- the lane's tenant ids: from (inclusive) to (exclusive; null: to the end)
        tenant_from uuid NOT NULL,
        tenant_to uuid,
        -- the last environment offered, in (tenant_id, name) order
        cursor_tenant uuid,
        cursor_name text,
        done_at timestamptz,
        PRIMARY KEY (version, lane)
      )`);
    await runner.query(`ALTER TABLE releases DROP COLUMN distribution_cursor_tenant`);
    await runner.query(`ALTER TABLE releases DROP COLUMN distribution_cursor_name`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE releases ADD COLUMN distribution_cursor_tenant uuid`);
    await runner.query(`ALTER TABLE releases ADD COLUMN distribution_cursor_name text`);
    await runner.query(`DROP TABLE release_distribution_lanes`);
  }
}
