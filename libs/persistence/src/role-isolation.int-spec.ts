import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { quoteIdentifier } from './identifiers';
import { developmentDatabasePassword, provisionServiceDatabase } from './service-database';

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

/**
 * The real roles of two real services, tenant_svc and notification_svc, provisioned by the code and with the
 * passwords `npm start` and `npm test` use: on the test stack they are the roles the running services are
 * logged in with (provisioning again changes nothing for them), so what holds here holds for the services.
 */
describe('provisionServiceDatabase: each service reaches its own schema only', () => {
  const adminUrl = adminUrlFromEnvironment();
  const services = ['tenant', 'notification'] as const;
  // A table of this run's own in each schema, so that both schemas hold a table whatever ran before.
  const probe = `role_isolation_probe_${randomBytes(4).toString('hex')}`;
  const urls = {} as Record<(typeof services)[number], string>;

  const tablesOf = (schema: string) =>
    withClient(adminUrl, async (admin) => {
      const tables = await admin.query<{ name: string }>(
        'SELECT tablename AS name FROM pg_tables WHERE schemaname = $1',
        [schema],
      );
      return tables.rows.map((row) => row.name);
    });

  beforeAll(async () => {
    for (const service of services) {
      urls[service] = await provisionServiceDatabase(adminUrl, service, developmentDatabasePassword(service));
      // created by the service's own role, as its migrations create its tables
      await withClient(urls[service], async (client) => {
        await client.query(`CREATE TABLE ${probe} (id int PRIMARY KEY, value text)`);
        await client.query(`INSERT INTO ${probe} VALUES (1, $1)`, [`only for ${service}`]);
      });
    }
  });

  afterAll(async () => {
    await withClient(adminUrl, async (admin) => {
      await admin.query(`DROP TABLE IF EXISTS notification.${probe}, tenant.${probe}`);
    });
  });

  it('is idempotent: provisioning a running service again gives the same URL', async () => {
    await expect(
      provisionServiceDatabase(adminUrl, 'tenant', developmentDatabasePassword('tenant')),
    ).resolves.toBe(urls.tenant);
  });

  it('logs each service in as <service>_svc on its own schema, where it reads and writes its tables', async () => {
    for (const service of services) {
      await withClient(urls[service], async (client) => {
        expect((await client.query('SELECT current_user AS u, current_schema() AS s')).rows[0]).toEqual({
          u: `${service}_svc`,
          s: service,
        });
        expect((await client.query(`SELECT value FROM ${service}.${probe}`)).rows).toEqual([
          { value: `only for ${service}` },
        ]);
        await client.query(`UPDATE ${probe} SET value = value WHERE id = 1`);
        // every table of its schema, those its migrations created on a running stack included
        for (const table of await tablesOf(service)) {
          await client.query(`SELECT 1 FROM ${service}.${quoteIdentifier(table)} LIMIT 1`);
        }
      });
    }
  });

  it.each([
    ['tenant', 'notification'],
    ['notification', 'tenant'],
  ] as const)(
    "denies the %s service's role every table of the %s schema, and creating one there",
    async (reader, owner) => {
      const tables = await tablesOf(owner);
      expect(tables).toContain(probe);
      await withClient(urls[reader], async (client) => {
        for (const table of tables) {
          await expect(client.query(`SELECT * FROM ${owner}.${quoteIdentifier(table)}`)).rejects.toThrow(
            /permission denied/,
          );
        }
        await expect(client.query(`CREATE TABLE ${owner}.intruder (id int)`)).rejects.toThrow(
          /permission denied/,
        );
      });
    },
  );

  it('denies every service the public schema', async () => {
    for (const service of services) {
      await withClient(urls[service], async (client) => {
        await expect(client.query('CREATE TABLE public.shared (id int)')).rejects.toThrow(
          /permission denied/,
        );
      });
    }
  });
});
