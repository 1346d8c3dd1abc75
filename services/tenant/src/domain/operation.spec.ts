import {
  canMove,
  completedOperation,
  decideCancelOperation,
  moveOperation,
  OPERATION_STATUSES,
  startOperation,
  type NewOperation,
  type OperationStatus,
} from './operation';

const now = new Date('2026-11-24T08:00:00Z');
const later = new Date('2026-11-24T08:05:00Z');
const create: NewOperation = {
  id: 'op-1',
  tenantId: '0b0f6d8e-64a4-4b8e-9c39-6f1b1c7b2a01',
  environmentName: 'Main',
  type: 'create',
  createdBy: 'user-1',
  parameters: { type: 'production' },
};

describe('operations', () => {
  it('start running with startedAt, and end with completedAt', () => {
    const running = startOperation(create, 'running', now);
    expect(running).toEqual({
      id: 'op-1',
      tenantId: create.tenantId,
      environmentName: 'Main',
      type: 'create',
      status: 'running',
      createdBy: 'user-1',
      createdAt: '2026-11-24T08:00:00.000Z',
      startedAt: '2026-11-24T08:00:00.000Z',
      completedAt: null,
      error: null,
      parameters: { type: 'production' },
    });
    expect(moveOperation(running, 'succeeded', later)).toMatchObject({
      ok: true,
      value: { status: 'succeeded', completedAt: '2026-11-24T08:05:00.000Z', error: null },
    });
  });

  it('carry the error of a failure', () => {
    const running = startOperation(create, 'running', now);
    const error = { code: 'incompatible-extensions', message: 'Contoso Payments supports up to 26.5' };
    expect(moveOperation(running, 'failed', later, error)).toMatchObject({
      ok: true,
      value: { status: 'failed', error },
    });
  });

  it('follow the state machine, and final statuses stay final', () => {
    const allowed = (from: OperationStatus) => OPERATION_STATUSES.filter((to) => canMove(from, to));
    expect(allowed('scheduled')).toEqual(['queued', 'running', 'canceled', 'skipped']);
    expect(allowed('queued')).toEqual(['running', 'canceled', 'skipped']);
    expect(allowed('running')).toEqual(['succeeded', 'failed']);
    for (const final of ['succeeded', 'failed', 'canceled', 'skipped'] as const) {
      expect(allowed(final)).toEqual([]);
    }
    const done = completedOperation(create, now);
    expect(moveOperation(done, 'running', later)).toMatchObject({
      ok: false,
      error: { code: 'operation-transition-invalid' },
    });
  });

  it('record a synchronous action as started and succeeded at once', () => {
    expect(completedOperation({ ...create, type: 'rename' }, now)).toMatchObject({
      status: 'succeeded',
      startedAt: '2026-11-24T08:00:00.000Z',
      completedAt: '2026-11-24T08:00:00.000Z',
    });
  });

  it('can be canceled only while queued or scheduled', () => {
    for (const status of ['queued', 'scheduled'] as const) {
      expect(decideCancelOperation(startOperation(create, status, now), later)).toMatchObject({
        ok: true,
        value: { status: 'canceled', completedAt: '2026-11-24T08:05:00.000Z', startedAt: null },
      });
    }
    expect(decideCancelOperation(startOperation(create, 'running', now), later)).toMatchObject({
      ok: false,
      error: { code: 'operation-not-cancelable' },
    });
    expect(decideCancelOperation(completedOperation(create, now), later)).toMatchObject({
      ok: false,
      error: { code: 'operation-not-cancelable' },
    });
  });

  it('are not canceled here when another service runs them (updates, copies)', () => {
    const update = startOperation({ ...create, type: 'update' }, 'scheduled', now);
    expect(decideCancelOperation(update, later)).toMatchObject({
      ok: false,
      error: { code: 'operation-run-elsewhere' },
    });
  });
});
