import type { DataSource, Migration } from 'typeorm';
import { advisoryLockKey } from './advisory-lock-key';

/**
 * Runs the pending migrations of a service's schema, each in its own transaction, while holding a session
 * advisory lock keyed by the schema: when several instances start together, one migrates and the others
 * wait, then find nothing left to run. The lock lives on a connection of its own, taken from the pool,
 * so the pool needs at least two connections. Returns the migrations that this call ran.
 */
export async function runMigrations(dataSource: DataSource): Promise<Migration[]> {
  const schema = schemaOf(dataSource);
  const key = advisoryLockKey('migrations', schema);
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1::bigint)', [key]);
    try {
      return await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lockHolder.query('SELECT pg_advisory_unlock($1::bigint)', [key]);
    }
  } finally {
    await lockHolder.release();
  }
}

function schemaOf(dataSource: DataSource): string {
  const schema = (dataSource.options as { schema?: string }).schema;
  if (!schema)
    throw new Error('runMigrations needs a data source with a schema (see createServiceDataSource)');
  return schema;
}
