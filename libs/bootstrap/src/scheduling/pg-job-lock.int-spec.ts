import { randomBytes } from 'node:crypto';
import { createServiceDataSource, dropServiceDatabase, provisionServiceDatabase } from '@pac/persistence';
import type { DataSource } from 'typeorm';
import { PgAdvisoryJobLock } from './pg-job-lock';

jest.setTimeout(30_000);

function adminUrl(): string {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL (a superuser URL) must be set to run this integration test');
  return url;
}

/** Two instances of one service, each with its own pool, share a job's advisory lock. */
describe('PgAdvisoryJobLock across instances', () => {
  const service = `jobs_${randomBytes(4).toString('hex')}`;
  let instances: DataSource[] = [];

  beforeAll(async () => {
    const url = await provisionServiceDatabase(adminUrl(), service, 'password');
    instances = [0, 1].map(() =>
      createServiceDataSource({ url, schema: service, entities: [], migrations: [], poolSize: 3 }),
    );
    await Promise.all(instances.map((dataSource) => dataSource.initialize()));
  });

  afterAll(async () => {
    await Promise.all(instances.map((dataSource) => dataSource.destroy()));
    await dropServiceDatabase(adminUrl(), service);
  });

  it('lets one instance run a job at a time: a tick elsewhere skips, a clock move elsewhere waits', async () => {
    const [a, b] = instances.map((dataSource) => new PgAdvisoryJobLock(dataSource, service)) as [
      PgAdvisoryJobLock,
      PgAdvisoryJobLock,
    ];
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const holding = new Promise<void>((resolve) => (started = resolve));

    const first = a.withLock('purge', 'wait', async () => {
      order.push('a starts');
      started();
      await gate;
      order.push('a ends');
    });
    await holding;

    expect(await b.withLock('purge', 'try', async () => void order.push('b tick runs'))).toBe(false);
    expect(await b.withLock('other-job', 'try', async () => void order.push('other job runs'))).toBe(true);

    const waiting = b.withLock('purge', 'wait', async () => void order.push('b runs'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(order).toEqual(['a starts', 'other job runs']);
    release();
    await Promise.all([first, waiting]);
    expect(order).toEqual(['a starts', 'other job runs', 'a ends', 'b runs']);

    // Released after each run: the next tick gets it.
    expect(await a.withLock('purge', 'try', async () => undefined)).toBe(true);
  });

  it('releases the lock when the job fails', async () => {
    const [a, b] = instances.map((dataSource) => new PgAdvisoryJobLock(dataSource, service)) as [
      PgAdvisoryJobLock,
      PgAdvisoryJobLock,
    ];
    await expect(
      a.withLock('flaky', 'wait', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await b.withLock('flaky', 'try', async () => undefined)).toBe(true);
  });
});
