import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { dropServiceDatabase, provisionServiceDatabase } from './service-database';

jest.setTimeout(30_000);

function adminUrlFromEnvironment(): string {
  const url = process.env['DATABASE_URL'];
  if (!url)
    throw new Error('DATABASE_URL (a superuser URL) must be set to run the persistence integration tests');
  return url;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('provisionServiceDatabase: each service reaches its own schema only', () => {
  const adminUrl = adminUrlFromEnvironment();
  const suffix = randomBytes(4).toString('hex');
  const serviceA = `iso_a_${suffix}`;
  const serviceB = `iso_b_${suffix}`;
  let urlA: string;
  let urlB: string;

  beforeAll(async () => {
    urlA = await provisionServiceDatabase(adminUrl, serviceA, 'password-a');
    urlB = await provisionServiceDatabase(adminUrl, serviceB, 'password-b');
  });

  afterAll(async () => {
    await dropServiceDatabase(adminUrl, serviceA);
    await dropServiceDatabase(adminUrl, serviceB);
  });

  it('is idempotent', async () => {
    await expect(provisionServiceDatabase(adminUrl, serviceA, 'password-a')).resolves.toBe(urlA);
  });

  it('lets a service create and read tables in its own schema, found through its search_path', async () => {
    await withClient(urlA, async (a) => {
      expect((await a.query('SELECT current_user AS u, current_schema() AS s')).rows[0]).toEqual({
        u: `${serviceA}_svc`,
        s: serviceA,
      });
      await a.query('CREATE TABLE secrets (id int PRIMARY KEY, value text)');
      await a.query("INSERT INTO secrets VALUES (1, 'only for A')");
      expect((await a.query(`SELECT value FROM ${serviceA}.secrets`)).rows).toEqual([
        { value: 'only for A' },
      ]);
    });
  });

  it("denies another service's role any access to that schema", async () => {
    await withClient(urlB, async (b) => {
      await expect(b.query(`SELECT * FROM ${serviceA}.secrets`)).rejects.toThrow(/permission denied/);
      await expect(b.query(`CREATE TABLE ${serviceA}.intruder (id int)`)).rejects.toThrow(
        /permission denied/,
      );
    });
  });

  it('denies every service the public schema', async () => {
    for (const url of [urlA, urlB]) {
      await withClient(url, async (client) => {
        await expect(client.query('CREATE TABLE public.shared (id int)')).rejects.toThrow(
          /permission denied/,
        );
      });
    }
  });
});
