import type { Caller } from '@pac/auth';
import { LifecycleTestBed } from './lifecycle-test-bed';

/**
 * A partner's command on an update while the scheduler claims it, on the real Postgres: the command waits for
 * the claim, decides on the update as the claim left it (`running`), and never writes it back to `scheduled`
 * or `available` (which would start it a second time, or leave the environment blocked).
 */
jest.setTimeout(60_000);

describe('partner commands racing the scheduler on one update', () => {
  let bed: LifecycleTestBed;
  let caller: Caller;
  let tenantId: string;
  const availableFrom = new Date('2026-04-01T08:00:00Z');
  const now = new Date('2026-04-10T20:30:00Z'); // inside the 10th's window (22:00–06:00 in Paris)

  beforeEach(async () => {
    bed = await LifecycleTestBed.create(1);
    const partnerId = await bed.seedEnvironments(1);
    caller = { subject: 'partner-user', partnerId, roles: ['partner:admin'] };
    await bed.publish('26.1', availableFrom);
    await bed.instances[0]!.distribute.run(now);
    // Due now, as if chosen earlier for this evening.
    await bed.db.query(
      `UPDATE updates SET selected = true, scheduled_for = '2026-04-10T20:00:00Z', window_closes_at = '2026-04-11T04:00:00Z'`,
    );
    [{ tenant_id: tenantId }] = (await bed.db.query(`SELECT tenant_id FROM environments`)) as [
      { tenant_id: string },
    ];
  });
  afterEach(async () => {
    await bed.close();
  });

  const updateRow = async () =>
    ((await bed.db.query(`SELECT status, selected, scheduled_for FROM updates`)) as unknown[])[0];

  it('PATCH waiting on the claim answers update-running, and the update stays running', async () => {
    const claim = await bed.claimDueUpdates(now);
    expect(claim.claimed).toHaveLength(1);
    const patch = bed.commands(now).schedule.execute(caller, tenantId, 'production', '26.1', {
      selected: true,
      selectedDateTime: '2026-04-12T20:00:00Z',
    });
    await claim.waitUntilSomeoneWaits();
    await claim.commit();

    expect(await patch).toEqual({
      ok: false,
      error: { code: 'update-running', message: expect.stringContaining('running') },
    });
    expect(await updateRow()).toEqual({
      status: 'running',
      selected: true,
      scheduled_for: new Date('2026-04-10T20:00:00Z'),
    });
    expect(await bed.outboxCount('update.rescheduled')).toBe(0);
  });

  it('cancel waiting on the claim answers update-not-scheduled, and the update stays running', async () => {
    const claim = await bed.claimDueUpdates(now);
    const cancel = bed.commands(now).cancel.execute(caller, tenantId, {
      environmentName: 'production',
      targetVersion: '26.1',
    });
    await claim.waitUntilSomeoneWaits();
    await claim.commit();

    expect(await cancel).toEqual({
      ok: false,
      error: { code: 'update-not-scheduled', message: expect.stringContaining('running') },
    });
    expect(await updateRow()).toEqual({
      status: 'running',
      selected: true,
      scheduled_for: new Date('2026-04-10T20:00:00Z'),
    });
    expect(await bed.outboxCount('update.canceled')).toBe(0);
  });

  it('a window change waiting on the claim leaves the running update where it is', async () => {
    const claim = await bed.claimDueUpdates(now);
    const change = bed.commands(now).setWindow.execute(caller, tenantId, 'production', {
      preferredStartTime: '01:00',
      preferredEndTime: '07:00',
      timeZone: 'Europe/Paris',
    });
    await claim.waitUntilSomeoneWaits();
    await claim.commit();

    expect((await change).ok).toBe(true);
    expect(await updateRow()).toEqual({
      status: 'running',
      selected: true,
      scheduled_for: new Date('2026-04-10T20:00:00Z'),
    });
    expect(await bed.outboxCount('update.rescheduled')).toBe(0);
  });

  it('a PATCH that commits before the claim moves the run: the scheduler does not start it at its old time', async () => {
    // The PATCH commits first: the claim then finds the update at its new time, not due yet.
    const patched = await bed.commands(now).schedule.execute(caller, tenantId, 'production', '26.1', {
      selected: true,
      selectedDateTime: '2026-04-12T20:00:00Z',
    });
    expect(patched.ok).toBe(true);
    expect(await bed.instances[0]!.scheduler.run(now)).toEqual({ missed: 0, started: 0 });
    expect(await updateRow()).toEqual({
      status: 'scheduled',
      selected: true,
      scheduled_for: new Date('2026-04-12T20:00:00Z'),
    });
  });
});
