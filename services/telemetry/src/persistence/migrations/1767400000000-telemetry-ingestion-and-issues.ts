import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createPartitionSql } from '../telemetry-partitions';

/**
 * Telemetry at scale (issue 13):
 * - `telemetry` becomes partitioned by day of `timestamp` (retention drops whole partitions), with one btree
 *   per partition on (tenant_id, timestamp DESC, id DESC): every read is one tenant's rows in a time range,
 *   newest first. No primary key and no text index: a redelivered batch is recognised by the inbox (its
 *   `ce_id`), not by a unique index, and text search filters the tenant's rows of the range (docs/benchmarks.md,
 *   issue 13, has the numbers this plan was chosen on). The rows of the unpartitioned table move over.
 * - `telemetry_keys`: ingestion keys (hashed), `environments`: this service's copy of the tenants'
 *   environments (keys are for existing environments, and follow a rename).
 * - `issues`, `issue_rules` (per tenant; the default from the configuration), `error_counts`: the errors
 *   per minute of each environment and event id without an active issue, which a spike is measured on.
 */
export class TelemetryIngestionAndIssues1767400000000 implements MigrationInterface {
  name = 'TelemetryIngestionAndIssues1767400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE telemetry RENAME TO telemetry_unpartitioned`);
    await runner.query(
      `ALTER INDEX telemetry_tenant_time_idx RENAME TO telemetry_unpartitioned_tenant_time_idx`,
    );
    await runner.query(`
      CREATE TABLE telemetry (
        id uuid NOT NULL,
        partner_id uuid NOT NULL,
        tenant_id uuid NOT NULL,
        environment_name text,
        "timestamp" timestamptz NOT NULL,
        severity text NOT NULL CHECK (severity IN ('verbose', 'info', 'warning', 'error', 'critical')),
        event_id text NOT NULL,
        message text NOT NULL,
        dimensions jsonb NOT NULL DEFAULT '{}'
      ) PARTITION BY RANGE ("timestamp")`);
    await runner.query(
      `CREATE INDEX telemetry_tenant_time_idx ON telemetry (tenant_id, "timestamp" DESC, id DESC)`,
    );
    const days: { day: string }[] = await runner.query(
      `SELECT DISTINCT to_char("timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM telemetry_unpartitioned`,
    );
    for (const { day } of days) await runner.query(createPartitionSql(day));
    await runner.query(`INSERT INTO telemetry SELECT * FROM telemetry_unpartitioned`);
    await runner.query(`DROP TABLE telemetry_unpartitioned`);

    await runner.query(`
      CREATE TABLE environments (
        tenant_id uuid NOT NULL,
        partner_id uuid NOT NULL,
        name text NOT NULL,
        status text NOT NULL,
        PRIMARY KEY (tenant_id, name)
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX environments_name_any_case_idx ON environments (tenant_id, lower(name))`,
    );
    await runner.query(`
      CREATE TABLE telemetry_keys (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        partner_id uuid NOT NULL,
        environment_name text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        key_prefix text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await runner.query(
      `CREATE INDEX telemetry_keys_environment_idx ON telemetry_keys (tenant_id, environment_name, created_at DESC, id DESC)`,
    );
    await runner.query(`
      CREATE TABLE issue_rules (
        tenant_id uuid PRIMARY KEY,
        partner_id uuid NOT NULL,
        threshold integer NOT NULL,
        window_minutes integer NOT NULL,
        quiet_minutes integer NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE issues (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        partner_id uuid NOT NULL,
        environment_name text NOT NULL,
        event_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
        count bigint NOT NULL,
        first_seen_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        last_counted_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by text,
        resolved_at timestamptz,
        resolution text,
        created_at timestamptz NOT NULL
      )`);
    // One active issue per environment and event id: a repeat updates it instead of opening another.
    await runner.query(`
      CREATE UNIQUE INDEX issues_active_idx ON issues (tenant_id, environment_name, event_id)
        WHERE status <> 'resolved'`);
    await runner.query(`CREATE INDEX issues_tenant_idx ON issues (tenant_id, created_at DESC, id DESC)`);
    await runner.query(
      `CREATE INDEX issues_quiet_idx ON issues (last_counted_at) WHERE status <> 'resolved'`,
    );
    await runner.query(`
      CREATE TABLE error_counts (
        tenant_id uuid NOT NULL,
        environment_name text NOT NULL,
        event_id text NOT NULL,
        minute timestamptz NOT NULL,
        count integer NOT NULL,
        first_at timestamptz NOT NULL,
        last_at timestamptz NOT NULL,
        counted_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, environment_name, event_id, minute)
      )`);
    await runner.query(`CREATE INDEX error_counts_counted_idx ON error_counts (counted_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['error_counts', 'issues', 'issue_rules', 'telemetry_keys', 'environments'])
      await runner.query(`DROP TABLE ${table}`);
  }
}
