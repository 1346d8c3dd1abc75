import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { assertServiceName } from './identifiers';

// TypeORM's own element types: entity classes or schemas, migration classes, or glob paths.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityTarget = Function | string | EntitySchema;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type MigrationTarget = Function | string;

export interface ServiceDataSourceOptions {
  /** The service's own connection URL (see provisionServiceDatabase). */
  url: string;
  /** The service's schema; every table, the migrations table included, lives in it. */
  schema: string;
  entities: MixedList<EntityTarget>;
  migrations: MixedList<MigrationTarget>;
  /** Connections in the pool; default 10. The outbox relay and migrations each hold one more while they run. */
  poolSize?: number;
  /** Shown in pg_stat_activity, to tell the instances of a service apart. */
  applicationName?: string;
}

export const DEFAULT_POOL_SIZE = 10;
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * A TypeORM data source for one service's schema. The schema only ever changes through migrations, run
 * explicitly with runMigrations (never synchronize, never on connect: several instances start at once).
 */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  assertServiceName(options.schema);
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    // Resolved in `schema`, like every other table.
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    poolSize: options.poolSize ?? DEFAULT_POOL_SIZE,
    // A request waits this long at most for a connection (a database that is down refuses at once; one that
    // hangs, or a pool that is full, must not hold requests for ever): then 503.
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
    // A service role may not install extensions; gen_random_uuid() is built into Postgres 13+.
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    ...(options.applicationName ? { applicationName: options.applicationName } : {}),
  });
}
