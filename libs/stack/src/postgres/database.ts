import { Client } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_DATABASE, localDatabaseUrl } from './local-postgres';

/** Creates the application database on the local server unless it exists. */
export async function ensureAppDatabase(port: number): Promise<void> {
  const client = new Client({ connectionString: localDatabaseUrl(port, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [APP_DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(APP_DATABASE)}`);
  } catch (error) {
    // Another process may have created it between our check and our CREATE.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}

/** Waits until `SELECT 1` succeeds, e.g. for an external Postgres that a container is still starting. */
export async function waitForDatabase(databaseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(
          `Postgres at ${redactPassword(databaseUrl)} is not reachable: ${(error as Error).message}`,
        );
      }
      await sleep(250);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** For messages and status lines: a URL's password does not belong in logs. */
export function redactPassword(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}
