import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTelemetry1764000000000 implements MigrationInterface {
  name = 'CreateTelemetry1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE telemetry (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL,
        tenant_id uuid NOT NULL,
        environment_name text,
        "timestamp" timestamptz NOT NULL,
        severity text NOT NULL CHECK (severity IN ('verbose', 'info', 'warning', 'error', 'critical')),
        event_id text NOT NULL,
        message text NOT NULL,
        dimensions jsonb NOT NULL DEFAULT '{}'
      )`);
    await runner.query(
      `CREATE INDEX telemetry_tenant_time_idx ON telemetry (tenant_id, "timestamp" DESC, id DESC)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE telemetry`);
  }
}
