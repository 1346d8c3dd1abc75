import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the filters of GET /overview on large portfolios (10,000 customers of one partner: each of
 * these filters read every row of the partner before, 2 to 37 ms, and now reads the index only, 0.01 to
 * 0.8 ms; docs/benchmarks.md, issue 3):
 * - `updateStatus`: (partner_id, update_status, created_at, tenant_id), newest first;
 * - `hasOpenIssues=true`: the partner's rows with open issues only (a partial index; `false`, most rows,
 *   is served by the partner's main index);
 * - `q` (part of the name): trigrams as for the tenants (IndexTenantListFilters, whose `name_trigrams` this
 *   uses), a stored generated column `name_grams` and a GIN index; the query narrows with
 *   `name_grams @> name_trigrams(q)` and confirms with ILIKE.
 */
export class IndexOverviewFilters1767225600410 implements MigrationInterface {
  name = 'IndexOverviewFilters1767225600410';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE INDEX overview_partner_update_status_idx
         ON overview (partner_id, update_status, created_at DESC, tenant_id DESC)`,
    );
    await runner.query(
      `CREATE INDEX overview_partner_open_issues_idx
         ON overview (partner_id, created_at DESC, tenant_id DESC) WHERE open_issues > 0`,
    );
    await runner.query(
      `ALTER TABLE overview ADD COLUMN name_grams text[] GENERATED ALWAYS AS (name_trigrams(name)) STORED`,
    );
    await runner.query(`CREATE INDEX overview_name_grams_idx ON overview USING gin (name_grams)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX overview_name_grams_idx`);
    await runner.query(`ALTER TABLE overview DROP COLUMN name_grams`);
    await runner.query(`DROP INDEX overview_partner_open_issues_idx`);
    await runner.query(`DROP INDEX overview_partner_update_status_idx`);
  }
}
