import { randomUUID } from 'node:crypto';
import type { Caller } from '@pac/auth';
import { AdjustableClock } from '@pac/clock';
import { CancelUpdateHandler } from '../src/commands/cancel-update/cancel-update.handler';
import { LifecycleTestBed } from './lifecycle-test-bed';

/** Canceling an update's run by its operation (POST /v1/operations/{id}/cancel) on the real Postgres. */
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
    // Offered and scheduled automatically for its deadline day (May 1st, 22:00 in Paris).
    await bed.instances[0]!.distribute.run(clock.now());
    const [update] = await bed.db.query(`SELECT tenant_id, operation_id FROM updates`);
    tenantId = update.tenant_id;
    operationId = update.operation_id;
  });
  afterEach(async () => {
    await bed.close();
  });

  it('given a scheduled run, when it is canceled by its operation, then the update is available and update.canceled says so', async () => {
    const result = await handler.execute(caller, tenantId, { operationId });

    expect(result).toMatchObject({ ok: true, canceledAt: clock.now() });
    const [update] = await bed.db.query(`SELECT status, scheduled_for, operation_id FROM updates`);
    expect(update).toEqual({ status: 'available', scheduled_for: null, operation_id: operationId });
    const [event] = await bed.db.query(`SELECT "time", payload FROM outbox WHERE type = 'update.canceled'`);
    expect(event.time).toEqual(clock.now());
    expect(event.payload).toMatchObject({ operationId, reason: 'canceled', canceledBy: 'partner-admin' });
  });

  it('given a run that started, when it is canceled by its operation, then it is refused as not scheduled', async () => {
    await bed.instances[0]!.scheduler.run(new Date('2026-05-01T20:30:00Z'));
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
