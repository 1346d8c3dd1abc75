import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@pac/testing';
import { Client } from 'pg';
import { stopProcess } from '../os-processes';
import { ensureAppDatabase } from './database';
import { localDatabaseUrl, postgresPaths, runningPostmaster, startLocalPostgres } from './local-postgres';

jest.setTimeout(180_000);

/**
 * The local Postgres of `npm start` and `npm test` keeps every commit it acknowledged through a crash of
 * Postgres itself: writers commit as fast as they can while the postmaster is stopped in immediate mode
 * (SIGQUIT: no checkpoint, no flush, as a crash would leave it), then every acknowledged row must be there
 * after the restart.
 */
describe('the local Postgres under a crash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pac-pg-durability-'));
  let port: number;

  beforeAll(async () => {
    port = await freePort();
  });

  afterAll(async () => {
    const { dataDir } = postgresPaths(dir);
    const postmaster = runningPostmaster(dataDir);
    if (postmaster) await stopProcess(postmaster.pid, dataDir, 'SIGINT', 30_000);
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged commit when stopped in immediate mode under load', async () => {
    const pid = await startLocalPostgres(dir, port, () => undefined);
    await ensureAppDatabase(port);
    const url = localDatabaseUrl(port);
    await withClient(url, (client) => client.query('CREATE TABLE writes (id int PRIMARY KEY)'));

    const acknowledged: number[] = [];
    let next = 0;
    let crashed = false;
    const writer = async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      client.on('error', () => undefined);
      try {
        while (!crashed) {
          const id = (next += 1);
          await client.query('INSERT INTO writes (id) VALUES ($1)', [id]);
          acknowledged.push(id);
        }
      } catch {
        // The crash ends the connection mid-statement: that write was never acknowledged.
      } finally {
        await client.end().catch(() => undefined);
      }
    };
    const writers = Array.from({ length: 8 }, writer);
    while (acknowledged.length < 3_000) await new Promise((resolve) => setTimeout(resolve, 20));
    await stopProcess(pid, postgresPaths(dir).dataDir, 'SIGQUIT', 30_000);
    crashed = true;
    await Promise.all(writers);

    await startLocalPostgres(dir, port, () => undefined);
    const stored = await withClient(url, async (client) => {
      const { rows } = await client.query<{ id: number }>('SELECT id FROM writes');
      return new Set(rows.map((row) => row.id));
    });
    const lost = acknowledged.filter((id) => !stored.has(id));
    expect({ acknowledged: acknowledged.length, lost: lost.length }).toEqual({
      acknowledged: acknowledged.length,
      lost: 0,
    });
  });
});

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
