import { Client } from 'pg';
import { advisoryLockKey } from './advisory-lock-key';
import { assertServiceName, quoteIdentifier, serviceRoleName } from './identifiers';

/**
 * The password `npm start` and `npm test` give a service's role (production passes each service its own
 * DATABASE_URL). Here, beside the provisioning, so that tests can reach the real roles of a running stack
 * without changing their passwords under the running services.
 */
export function developmentDatabasePassword(service: string): string {
  return `${service}-dev-password`;
}

/**
 * Extensions a service's schema needs, installed into its schema at provisioning (the service's role cannot
 * create them): the telemetry service's text search uses trigram indexes (docs/telemetry.md).
 */
export const SERVICE_EXTENSIONS: Readonly<Record<string, readonly string[]>> = { telemetry: ['pg_trgm'] };

/** The connection URL of a service's own role: the admin URL with the role's name and password. */
export function serviceDatabaseUrl(adminUrl: string, service: string, password: string): string {
  const url = new URL(adminUrl);
  url.username = encodeURIComponent(serviceRoleName(service));
  url.password = encodeURIComponent(password);
  return url.toString();
}

/**
 * Gives a service its own login role `<service>_svc` and its own schema `<service>`, owned by that role and
 * first on its search_path, and nothing else: the database is closed to PUBLIC (only roles granted CONNECT
 * get in) and so is the `public` schema, so a service can neither read nor create outside its schema.
 * Idempotent (re-running sets the password again), and serialised by an advisory lock so that several
 * instances starting at once do not race on CREATE ROLE. Returns the service's connection URL.
 */
export async function provisionServiceDatabase(
  adminUrl: string,
  service: string,
  password: string,
): Promise<string> {
  assertServiceName(service);
  const role = quoteIdentifier(serviceRoleName(service));
  const schema = quoteIdentifier(service);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [advisoryLockKey('provision', 'cluster')]);
    const database = quoteIdentifier(
      (await client.query<{ name: string }>('SELECT current_database() AS name')).rows[0]!.name,
    );
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [
      serviceRoleName(service),
    ]);
    const verb = exists.rowCount === 0 ? 'CREATE' : 'ALTER';
    // CREATE/ALTER ROLE cannot take a bound parameter for the password, hence the escaped literal.
    await client.query(
      `${verb} ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS ` +
        `PASSWORD ${client.escapeLiteral(password)}`,
    );
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${role}`);
    await client.query(`ALTER SCHEMA ${schema} OWNER TO ${role}`);
    await client.query(`ALTER ROLE ${role} SET search_path = ${schema}`);
    for (const extension of SERVICE_EXTENSIONS[service] ?? []) {
      // An extension lives in one schema of the database; one installed elsewhere (e.g. in `public` by a
      // person or a tool) is moved into the service's schema, the only one its role can use.
      const installed = await client.query<{ schema: string }>(
        `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
          WHERE e.extname = $1`,
        [extension],
      );
      const where = installed.rows[0]?.schema;
      if (where === undefined) {
        await client.query(`CREATE EXTENSION ${quoteIdentifier(extension)} SCHEMA ${schema}`);
      } else if (where !== service) {
        await client.query(`ALTER EXTENSION ${quoteIdentifier(extension)} SET SCHEMA ${schema}`);
      }
    }
    await client.query(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`);
    await client.query(`GRANT CONNECT ON DATABASE ${database} TO ${role}`);
    await client.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return serviceDatabaseUrl(adminUrl, service, password);
}

/**
 * Removes a service's schema (with everything in it) and its role. Meant for throwaway services created by
 * tests and for decommissioning; never called by a running service.
 */
export async function dropServiceDatabase(adminUrl: string, service: string): Promise<void> {
  assertServiceName(service);
  const roleName = serviceRoleName(service);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(service)} CASCADE`);
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [roleName]);
    if (exists.rowCount === 0) return;
    // Ends the role's sessions first: DROP ROLE fails while it is connected.
    await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [
      roleName,
    ]);
    await client.query(`DROP OWNED BY ${quoteIdentifier(roleName)}`);
    await client.query(`DROP ROLE ${quoteIdentifier(roleName)}`);
  } finally {
    await client.end();
  }
}
