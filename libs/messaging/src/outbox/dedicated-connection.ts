import type { ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The settings of a data source, for a pg connection of its own outside the pool: a session advisory lock
 * and LISTEN both belong to one session, which must not be handed back to the pool and reused.
 */
export function dedicatedConnectionConfig(dataSource: DataSource, applicationName: string): ClientConfig {
  const options = dataSource.options as {
    url?: string;
    host?: string;
    port?: number;
    username?: string;
    password?: ClientConfig['password'];
    database?: string;
    ssl?: ClientConfig['ssl'];
  };
  return {
    ...(options.url ? { connectionString: options.url } : {}),
    ...(options.host ? { host: options.host } : {}),
    ...(options.port ? { port: options.port } : {}),
    ...(options.username ? { user: options.username } : {}),
    ...(options.password ? { password: options.password } : {}),
    ...(options.database ? { database: options.database } : {}),
    ...(options.ssl ? { ssl: options.ssl } : {}),
    application_name: applicationName,
    // Lets Postgres notice a relay that vanished without closing its socket, and free its lock.
    keepAlive: true,
  };
}
