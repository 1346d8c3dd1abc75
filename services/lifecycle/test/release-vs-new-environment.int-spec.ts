import { AdjustableClock } from '@pac/clock';
import { EnvironmentCreated, type EnvironmentCreatedData } from '@pac/contracts';
import { randomUUID } from 'node:crypto';
import { OnEnvironmentCreated } from '../src/consumers/on-environment-created';
import { LifecycleTestBed } from './lifecycle-test-bed';

/**
 * A release distributed while a new environment's environment.created is being handled, on the real
 * Postgres: the environment's transaction read the releases before the release existed, and has not
 * committed when the distribution job reads environments. One of the two paths must still offer it.
 */
jest.setTimeout(60_000);

describe('a release distributed while a new environment is being recorded', () => {
  let bed: LifecycleTestBed;
  const now = new Date('2026-04-10T12:00:00Z');

  beforeEach(async () => {
    bed = await LifecycleTestBed.create(1);
  });
  afterEach(async () => {
    await bed.close();
  });

  it('the new environment is offered the release', async () => {
    const { dataSource, outbox, distribute } = bed.instances[0]!;
    const onCreated = new OnEnvironmentCreated(outbox, new AdjustableClock(0, () => now.getTime()));
    const tenantId = randomUUID();
    const data: EnvironmentCreatedData = {
      tenantId,
      partnerId: randomUUID(),
      environment: {
        name: 'production',
        type: 'production',
        status: 'active',
        applicationVersion: '25.4',
        countryCode: 'FR',
        extensions: [],
      },
      occurredAt: now.toISOString(),
    };

    // The consumer's transaction: the environment recorded, no release to offer yet, not committed.
    const consumer = dataSource.createQueryRunner();
    await consumer.connect();
    await consumer.startTransaction();
    const [{ pid }] = (await consumer.query(`SELECT pg_backend_pid() AS pid`)) as [{ pid: number }];
    await onCreated.handle(
      {
        id: randomUUID(),
        type: EnvironmentCreated.type,
        source: '/services/tenant',
        time: now.toISOString(),
        subject: `tenants/${tenantId}/environments/production`,
        tenantId,
        data,
      },
      consumer.manager,
    );

    // Meanwhile the release is published and the job distributes it.
    await bed.publish('26.1', new Date('2026-04-10T08:00:00Z'));
    const distribution = distribute.run(now);
    const finished = distribution.then(() => 'finished' as const);
    const blocked = bed.waitUntilSomeoneWaitsOn(pid).then(() => 'waiting' as const);
    // The job waits for the environment's transaction (or, were it not to, has already finished without it).
    expect(await Promise.race([finished, blocked])).toBe('waiting');
    await consumer.commitTransaction();
    await consumer.release();
    await distribution;

    const updates = (await bed.db.query(
      `SELECT target_version, status FROM updates WHERE tenant_id = $1 AND environment_name = 'production'`,
      [tenantId],
    )) as { target_version: string; status: string }[];
    expect(updates.map((u) => u.target_version)).toEqual(['26.1']);
    expect(await bed.outboxCount('update.available')).toBe(1);
  });
});
