export { advisoryLockKey } from './advisory-lock-key';
export { assertServiceName, serviceRoleName } from './identifiers';
export {
  developmentDatabasePassword,
  provisionServiceDatabase,
  serviceDatabaseUrl,
  dropServiceDatabase,
} from './service-database';
export {
  createServiceDataSource,
  DEFAULT_POOL_SIZE,
  type ServiceDataSourceOptions,
} from './service-data-source';
export { runMigrations } from './run-migrations';
export { afterCommit, inTransaction, RequestTransaction } from './in-transaction';
export { isDatabaseUnavailable } from './database-unavailable';
