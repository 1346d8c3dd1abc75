import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Releases, the lifecycle service's own projection of environments (fed by the tenant events, with each
 * environment's update window), and the updates offered to each environment.
 */
export class CreateReleasesEnvironmentsUpdates1767225600300 implements MigrationInterface {
  name = 'CreateReleasesEnvironmentsUpdates1767225600300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE releases (
        version text PRIMARY KEY,
        version_key integer NOT NULL UNIQUE,
        type text NOT NULL CHECK (type IN ('major', 'minor', 'preview')),
        available_from timestamptz NOT NULL,
        latest_selectable_days integer NOT NULL CHECK (latest_selectable_days BETWEEN 0 AND 365),
        published_by text NOT NULL,
        published_at timestamptz NOT NULL,
        -- Offering a release to every environment goes in chunks ordered by (tenant_id, name): the last one done.
        distribution_cursor_tenant uuid,
        distribution_cursor_name text,
        distributed_at timestamptz
      )`);
    await runner.query(
      `CREATE INDEX releases_to_distribute ON releases (available_from) WHERE distributed_at IS NULL`,
    );

    await runner.query(`
      CREATE TABLE environments (
        tenant_id uuid NOT NULL,
        name text NOT NULL,
        partner_id uuid NOT NULL,
        type text NOT NULL,
        status text NOT NULL,
        application_version text NOT NULL,
        version_key integer NOT NULL,
        -- The installed extensions, as the tenant events carry them.
        extensions jsonb NOT NULL DEFAULT '[]',
        preferred_start_time text NOT NULL,
        preferred_end_time text NOT NULL,
        time_zone text NOT NULL,
        -- occurredAt of the newest tenant event applied: an older one arriving late changes nothing.
        state_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, name)
      )`);

    await runner.query(`
      CREATE TABLE updates (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        environment_name text NOT NULL,
        partner_id uuid NOT NULL,
        target_version text NOT NULL REFERENCES releases (version),
        version_key integer NOT NULL,
        status text NOT NULL
          CHECK (status IN ('available', 'scheduled', 'running', 'succeeded', 'failed', 'skipped')),
        -- The current run: the operation partners see.
        operation_id uuid NOT NULL,
        selected boolean NOT NULL DEFAULT false,
        selected_date_time timestamptz,
        ignore_update_window boolean NOT NULL DEFAULT false,
        scheduled_for timestamptz,
        window_closes_at timestamptz,
        -- The extensions that blocked the last pre-check or the failed run.
        blocking_extensions jsonb NOT NULL DEFAULT '[]',
        failure_reason text,
        available_at timestamptz NOT NULL,
        started_at timestamptz,
        completed_at timestamptz,
        updated_at timestamptz NOT NULL,
        UNIQUE (tenant_id, environment_name, target_version),
        FOREIGN KEY (tenant_id, environment_name) REFERENCES environments (tenant_id, name)
          ON UPDATE CASCADE ON DELETE CASCADE,
        CHECK (status <> 'scheduled' OR (scheduled_for IS NOT NULL AND window_closes_at IS NOT NULL))
      )`);
    // The scheduler's two questions: which scheduled runs are due, which missed their window.
    await runner.query(`CREATE INDEX updates_due ON updates (scheduled_for) WHERE status = 'scheduled'`);
    await runner.query(
      `CREATE INDEX updates_window_passed ON updates (window_closes_at) WHERE status = 'scheduled'`,
    );
    // One run at a time per environment.
    await runner.query(
      `CREATE UNIQUE INDEX updates_one_running ON updates (tenant_id, environment_name) WHERE status = 'running'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE updates`);
    await runner.query(`DROP TABLE environments`);
    await runner.query(`DROP TABLE releases`);
  }
}
