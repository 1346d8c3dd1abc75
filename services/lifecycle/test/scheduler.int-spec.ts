import { LifecycleTestBed } from './lifecycle-test-bed';

/** The release job and the scheduler on the real Postgres: set-based offers, claims, missed windows. */
jest.setTimeout(60_000);

describe('lifecycle jobs on Postgres', () => {
  let bed: LifecycleTestBed;
  const availableFrom = new Date('2026-04-01T08:00:00Z');

  beforeEach(async () => {
    bed = await LifecycleTestBed.create(2);
  });
  afterEach(async () => {
    await bed.close();
  });

  it('offers a release to every eligible environment once, pre-checked, scheduled for its deadline day', async () => {
    await bed.seedEnvironments(1200, { incompatibleEvery: 4 });
    await bed.seedEnvironments(10, { type: 'sandbox' });
    await bed.publish('26.1', availableFrom);
    await bed.publish('26.5', availableFrom, 'preview');
    const now = new Date('2026-04-01T09:00:00Z');
    // Both instances at once: the release row lock keeps them from offering the same chunk twice.
    await Promise.all(bed.instances.map((i) => i.distribute.run(now)));
    await bed.instances[1]!.distribute.run(now);

    const [counts] = await bed.db.query(
      `SELECT count(*) FILTER (WHERE target_version = '26.1')::int AS minor,
              count(*) FILTER (WHERE target_version = '26.5')::int AS preview,
              count(DISTINCT scheduled_for) FILTER (WHERE target_version = '26.1')::int AS times,
              min(scheduled_for) FILTER (WHERE target_version = '26.1') AS at
         FROM updates`,
    );
    expect(counts).toMatchObject({ minor: 1210, preview: 10, times: 1 });
    expect(counts.at).toEqual(new Date('2026-05-01T20:00:00Z')); // May 1st 22:00 in Paris
    expect(await bed.outboxCount('update.available')).toBe(1220);
    expect(await bed.outboxCount('update.compatibility-warning')).toBe(300);
    const [warning] = await bed.db.query(
      `SELECT payload FROM outbox WHERE type = 'update.compatibility-warning' LIMIT 1`,
    );
    expect(warning.payload.blockingExtensions).toEqual([
      expect.objectContaining({ name: 'Old Tax', maxVersion: '25.9' }),
    ]);
    const [release] = await bed.db.query(`SELECT distributed_at FROM releases WHERE version = '26.1'`);
    expect(release.distributed_at).toEqual(now);
  });

  it('starts each due update exactly once with two schedulers claiming at the same time', async () => {
    await bed.seedEnvironments(2500);
    await bed.publish('26.1', availableFrom);
    const now = new Date('2026-04-10T20:30:00Z'); // inside the 10th's window
    await bed.instances[0]!.distribute.run(now);
    await bed.db.query(
      `UPDATE updates SET scheduled_for = '2026-04-10T20:00:00Z', window_closes_at = '2026-04-11T04:00:00Z'`,
    );
    const results = await Promise.all(bed.instances.map((i) => i.scheduler.run(now)));
    expect(results[0]!.started + results[1]!.started).toBe(2500);
    expect(await bed.outboxCount('update.started')).toBe(2500);
    const [started] = await bed.db.query(
      `SELECT count(DISTINCT payload->>'updateId')::int AS distinct_updates FROM outbox WHERE type = 'update.started'`,
    );
    expect(started.distinct_updates).toBe(2500);
    const again = await Promise.all(bed.instances.map((i) => i.scheduler.run(now)));
    expect(again.map((r) => r.started)).toEqual([0, 0]);
  });

  it('moves an update whose whole window passed to the next window (update.missed), then starts it there', async () => {
    await bed.seedEnvironments(3);
    await bed.publish('26.1', availableFrom);
    await bed.instances[0]!.distribute.run(new Date('2026-04-02T09:00:00Z'));
    await bed.db.query(
      `UPDATE updates SET selected = true, scheduled_for = '2026-04-10T20:00:00Z', window_closes_at = '2026-04-11T04:00:00Z'`,
    );
    // The scheduler was down from before the window until the next morning.
    const morning = new Date('2026-04-11T09:00:00Z');
    expect(await bed.instances[0]!.scheduler.run(morning)).toEqual({ missed: 3, started: 0 });
    const rows = await bed.db.query(`SELECT status, scheduled_for, window_closes_at FROM updates`);
    expect(rows).toEqual(
      Array(3).fill({
        status: 'scheduled',
        scheduled_for: new Date('2026-04-11T20:00:00Z'),
        window_closes_at: new Date('2026-04-12T04:00:00Z'),
      }),
    );
    const [missed] = await bed.db.query(`SELECT payload FROM outbox WHERE type = 'update.missed' LIMIT 1`);
    expect(missed.payload).toMatchObject({
      reason: 'window-passed',
      missedWindow: { opensAt: '2026-04-10T20:00:00.000Z', closesAt: '2026-04-11T04:00:00.000Z' },
      schedule: { scheduledFor: '2026-04-11T20:00:00.000Z', selected: true },
    });
    expect(await bed.instances[0]!.scheduler.run(new Date('2026-04-11T20:00:00Z'))).toEqual({
      missed: 0,
      started: 3,
    });
  });

  it('runs one update per environment at a time, the newest version first', async () => {
    await bed.seedEnvironments(1);
    await bed.publish('26.1', availableFrom);
    await bed.publish('26.2', availableFrom);
    const now = new Date('2026-04-10T21:00:00Z');
    await bed.instances[0]!.distribute.run(now);
    await bed.db.query(
      `UPDATE updates SET scheduled_for = '2026-04-10T20:00:00Z', window_closes_at = '2026-04-11T04:00:00Z'`,
    );
    await Promise.all(bed.instances.map((i) => i.scheduler.run(now)));
    const rows = await bed.db.query(`SELECT target_version, status FROM updates ORDER BY target_version`);
    expect(rows).toEqual([
      { target_version: '26.1', status: 'scheduled' },
      { target_version: '26.2', status: 'running' },
    ]);
  });
});
