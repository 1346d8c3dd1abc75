import { randomBytes } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { inTransaction } from './in-transaction';
import { runMigrations } from './run-migrations';
import { createServiceDataSource } from './service-data-source';
import { dropServiceDatabase, provisionServiceDatabase } from './service-database';

jest.setTimeout(30_000);

function adminUrlFromEnvironment(): string {
  const url = process.env['DATABASE_URL'];
  if (!url)
    throw new Error('DATABASE_URL (a superuser URL) must be set to run the persistence integration tests');
  return url;
}

/** Fails if it runs twice: CREATE TABLE without IF NOT EXISTS. */
class CreateCounters1767225600000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('SELECT pg_sleep(0.2)'); // widens the window in which a second instance could race
    await queryRunner.query('CREATE TABLE counters (name text PRIMARY KEY, value int NOT NULL)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE counters');
  }
}

describe('runMigrations and inTransaction', () => {
  const adminUrl = adminUrlFromEnvironment();
  const service = `mig_${randomBytes(4).toString('hex')}`;
  let url: string;

  beforeAll(async () => {
    url = await provisionServiceDatabase(adminUrl, service, 'password');
  });

  afterAll(async () => {
    await dropServiceDatabase(adminUrl, service);
  });

  const dataSource = () =>
    createServiceDataSource({
      url,
      schema: service,
      entities: [],
      migrations: [CreateCounters1767225600000],
    });

  it('lets two instances starting together migrate once, the migrations table in the service schema', async () => {
    const instances = [dataSource(), dataSource()];
    await Promise.all(instances.map((instance) => instance.initialize()));
    try {
      const ran = await Promise.all(instances.map((instance) => runMigrations(instance)));
      expect(ran.map((migrations) => migrations.length).sort()).toEqual([0, 1]);
      const tables = await instances[0]!.query(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
        [service],
      );
      expect(tables).toEqual([{ table_name: 'counters' }, { table_name: 'migrations' }]);
    } finally {
      await Promise.all(instances.map((instance) => instance.destroy()));
    }
  });

  it('commits the work of a transaction that resolves and rolls back one that throws', async () => {
    const instance = await dataSource().initialize();
    try {
      await inTransaction(instance, (manager) => manager.query("INSERT INTO counters VALUES ('kept', 1)"));
      await expect(
        inTransaction(instance, async (manager) => {
          await manager.query("INSERT INTO counters VALUES ('dropped', 1)");
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await instance.query('SELECT name FROM counters')).toEqual([{ name: 'kept' }]);
    } finally {
      await instance.destroy();
    }
  });
});
