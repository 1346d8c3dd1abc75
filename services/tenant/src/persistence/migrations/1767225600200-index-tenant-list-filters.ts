import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the filters of GET /tenants on large portfolios. `q` (part of the name) uses trigrams:
 * pg_trgm is not available to the service role (installing an extension needs CREATE on the database,
 * which service roles do not have, and `public`, where an admin would put it, is closed to them), so the
 * schema has its own immutable `name_trigrams(text)` (the distinct 3-character pieces of the lower-cased
 * text), a stored generated column `name_grams` and a GIN index on it; the query narrows with
 * `name_grams @> name_trigrams(q)` and confirms with ILIKE. The column is stored so that a plan that filters
 * rows one by one (when most names match) does not compute trigrams per row.
 */
export class IndexTenantListFilters1767225600200 implements MigrationInterface {
  name = 'IndexTenantListFilters1767225600200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE FUNCTION name_trigrams(value text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$
          SELECT coalesce(array_agg(DISTINCT substr(lower(value), i, 3)), '{}')
          FROM generate_series(1, length(value) - 2) AS i
        $$`);
    await runner.query(
      `ALTER TABLE tenants ADD COLUMN name_grams text[] GENERATED ALWAYS AS (name_trigrams(name)) STORED`,
    );
    await runner.query(`CREATE INDEX tenants_name_grams_idx ON tenants USING gin (name_grams)`);
    await runner.query(`CREATE INDEX tenants_tags_idx ON tenants USING gin (tags)`);
    await runner.query(
      `CREATE INDEX tenants_partner_status_created_idx ON tenants (partner_id, status, created_at DESC, id DESC)`,
    );
    await runner.query(
      `CREATE INDEX tenants_partner_country_created_idx
         ON tenants (partner_id, country_code, created_at DESC, id DESC)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX tenants_partner_country_created_idx`);
    await runner.query(`DROP INDEX tenants_partner_status_created_idx`);
    await runner.query(`DROP INDEX tenants_tags_idx`);
    await runner.query(`ALTER TABLE tenants DROP COLUMN name_grams`);
    await runner.query(`DROP FUNCTION name_trigrams(text)`);
  }
}
