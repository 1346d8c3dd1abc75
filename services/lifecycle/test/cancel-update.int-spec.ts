import { randomUUID } from 'node:crypto';
import type { Caller } from '@pac/auth';
import { AdjustableClock } from '@pac/clock';
import { CancelUpdateHandler } from '../src/commands/cancel-update/cancel-update.handler';
import { LifecycleTestBed } from './lifecycle-test-bed';

/** Canceling an update's run, by its operation (POST /v1/operations/{id}/cancel), on the real Postgres. */
jest.setTimeout(60_000);

describe('cancel an update by the operation of its run', () => {
  let bed: LifecycleTestBed;
  let handler: CancelUpdateHandler;
  let clock: AdjustableClock;
  let caller: Caller;
  let tenantId: string;
  let operationId: string;

  beforeEach(async () => {
    bed = await LifecycleTestBed.create();
    // Time stands still here: the tests' instants are fixed.
    clock = new AdjustableClock(0, () => Date.parse('2026-04-02T09:00:00Z'));
    handler = new CancelUpdateHandler(bed.db, bed.instances[0]!.outbox, clock);
    const partnerId = await bed.seedEnvironments(1);
    caller = { subject: 'partner-admin', partnerId, roles: ['partner:admin'] };
    await bed.publish('26.1', new Date('2026-04-01T08:00:00Z'));
    // Offered and scheduled automatically for its deadline day (May 1st, 22:00 in Paris)...
    await bed.instances[0]!.distribute.run(clock.now());
    // ...then a partner chose its run.
    await bed.db.query(
      `UPDATE updates SET selected = true, scheduled_for = '2026-04-10T20:00:00Z',
                          window_closes_at = '2026-04-11T04:00:00Z'`,
    );
    const [update] = await bed.db.query(`SELECT tenant_id, operation_id FROM updates`);
    tenantId = update.tenant_id;
    operationId = update.operation_id;
  });
  afterEach(async () => {
    await bed.close();
  });

  it('given a chosen run, when it is canceled by its operation, then it ends and the update is back on its automatic run, a new one', async () => {
    const result = await handler.execute(caller, tenantId, { operationId });

    expect(result).toMatchObject({ ok: true, value: { canceledAt: clock.now() } });
    const [update] = await bed.db.query(`SELECT status, selected, scheduled_for, operation_id FROM updates`);
    expect(update).toEqual({
      status: 'scheduled',
      selected: false,
      scheduled_for: new Date('2026-05-01T20:00:00Z'), // the deadline day's window, as when it was offered
      operation_id: expect.any(String),
    });
    expect(update.operation_id).not.toBe(operationId);
    const events = await bed.db.query(
      `SELECT type, "time", payload FROM outbox
        WHERE type IN ('update.canceled', 'update.rescheduled') ORDER BY id`,
    );
    expect(events.map((e: { type: string }) => e.type)).toEqual(['update.canceled', 'update.rescheduled']);
    expect(events.map((e: { time: Date }) => e.time)).toEqual([clock.now(), clock.now()]);
    expect(events[0].payload).toMatchObject({
      operationId,
      status: 'available',
      reason: 'canceled',
      canceledBy: 'partner-admin',
    });
    expect(events[1].payload).toMatchObject({
      operationId: update.operation_id,
      status: 'scheduled',
      reason: 'run-canceled',
      previousScheduledFor: '2026-04-10T20:00:00.000Z',
      schedule: { scheduledFor: '2026-05-01T20:00:00.000Z', selected: false },
    });
  });

  it('given the automatic run of a mandatory update, when it is canceled, then it is refused and stays as it was', async () => {
    await handler.execute(caller, tenantId, { operationId });
    const [automatic] = await bed.db.query(`SELECT operation_id FROM updates`);

    const result = await handler.execute(caller, tenantId, { operationId: automatic.operation_id });

    expect(result).toMatchObject({ ok: false, error: { code: 'update-mandatory' } });
    const [update] = await bed.db.query(`SELECT status, operation_id FROM updates`);
    expect(update).toEqual({ status: 'scheduled', operation_id: automatic.operation_id });
    expect(await bed.outboxCount('update.canceled')).toBe(1);
  });

  it('given a preview (never mandatory), when its run is canceled, then the update waits, available, unscheduled', async () => {
    const sandboxPartner = await bed.seedEnvironments(1, { type: 'sandbox' });
    await bed.publish('26.5', new Date('2026-04-01T08:00:00Z'), 'preview');
    await bed.instances[0]!.distribute.run(clock.now());
    const [preview] = await bed.db.query(
      `SELECT tenant_id, operation_id FROM updates WHERE target_version = '26.5'`,
    );

    const result = await handler.execute({ ...caller, partnerId: sandboxPartner }, preview.tenant_id, {
      operationId: preview.operation_id,
    });

    expect(result).toMatchObject({ ok: true });
    const [update] = await bed.db.query(
      `SELECT status, scheduled_for, operation_id FROM updates WHERE target_version = '26.5'`,
    );
    expect(update).toEqual({ status: 'available', scheduled_for: null, operation_id: preview.operation_id });
    expect(await bed.outboxCount('update.rescheduled')).toBe(0);
  });

  it('given a run that started, when it is canceled by its operation, then it is refused as not scheduled', async () => {
    await bed.instances[0]!.scheduler.run(new Date('2026-04-10T20:30:00Z'));
    const [running] = await bed.db.query(`SELECT status FROM updates`);
    expect(running.status).toBe('running');

    const result = await handler.execute(caller, tenantId, { operationId });

    expect(result).toMatchObject({ ok: false, error: { code: 'update-not-scheduled' } });
    expect(await bed.outboxCount('update.canceled')).toBe(0);
  });

  it('given a run replaced by a later one, when the old operation is canceled, then the later run stays scheduled', async () => {
    const later = randomUUID();
    await bed.db.query(`UPDATE updates SET operation_id = $1`, [later]);

    const result = await handler.execute(caller, tenantId, { operationId });

    expect(result).toMatchObject({ ok: false, error: { code: 'update-not-found' } });
    const [update] = await bed.db.query(`SELECT status, operation_id FROM updates`);
    expect(update).toEqual({ status: 'scheduled', operation_id: later });
  });

  it('given another partner, when it cancels the operation, then nothing is found', async () => {
    const stranger: Caller = { ...caller, partnerId: randomUUID() };

    const result = await handler.execute(stranger, tenantId, { operationId });

    expect(result).toMatchObject({ ok: false, error: { code: 'environment-not-found' } });
  });
});
