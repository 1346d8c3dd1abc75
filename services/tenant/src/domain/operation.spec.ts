import { OPERATION_STATUSES, type OperationStatus } from '@pac/contracts';
import { DecisionSpecification } from '@pac/domain';
import {
  canMove,
  completedOperation,
  decideCancelOperation,
  moveOperation,
  startOperation,
  type NewOperation,
  type Operation,
  type OperationError,
} from './operation';

const now = new Date('2026-11-24T08:00:00Z');
const later = new Date('2026-11-24T08:05:00Z');
const create: NewOperation = {
  id: 'op-1',
  tenantId: '0b0f6d8e-64a4-4b8e-9c39-6f1b1c7b2a01',
  environmentId: 'e-1',
  environmentName: 'Main',
  type: 'create',
  createdBy: 'user-1',
  parameters: { type: 'production' },
};

/** An operation moved to another status, later. */
const move = DecisionSpecification.for(
  (operation: Operation, to: { status: OperationStatus; error?: OperationError }) =>
    moveOperation(operation, to.status, later, to.error),
);
/** An operation a caller cancels, at a given time. */
const cancel = DecisionSpecification.for((operation: Operation, at: Date) =>
  decideCancelOperation(operation, at),
);

describe('operations', () => {
  it('start running with startedAt, and end with completedAt', () => {
    const running = startOperation(create, 'running', now);
    expect(running).toEqual({
      id: 'op-1',
      tenantId: create.tenantId,
      environmentId: 'e-1',
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
    move
      .given(running)
      .when({ status: 'succeeded' })
      .then({ ...running, status: 'succeeded', completedAt: '2026-11-24T08:05:00.000Z' });
  });

  it('carry the error of a failure', () => {
    const running = startOperation(create, 'running', now);
    const error = { code: 'incompatible-extensions', message: 'Contoso Payments supports up to 26.5' };
    move
      .given(running)
      .when({ status: 'failed', error })
      .then({ ...running, status: 'failed', completedAt: '2026-11-24T08:05:00.000Z', error });
  });

  it('follow the state machine, and final statuses stay final', () => {
    const allowed = (from: OperationStatus) => OPERATION_STATUSES.filter((to) => canMove(from, to));
    expect(allowed('scheduled')).toEqual(['queued', 'running', 'canceled', 'skipped']);
    expect(allowed('queued')).toEqual(['running', 'canceled', 'skipped']);
    expect(allowed('running')).toEqual(['succeeded', 'failed']);
    for (const final of ['succeeded', 'failed', 'canceled', 'skipped'] as const) {
      expect(allowed(final)).toEqual([]);
    }
    move
      .given(completedOperation(create, now))
      .when({ status: 'running' })
      .thenRefused('operation-transition-invalid');
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
      const waiting = startOperation(create, status, now);
      cancel
        .given(waiting)
        .when(later)
        .then({ ...waiting, status: 'canceled', completedAt: '2026-11-24T08:05:00.000Z' });
    }
    cancel
      .given(startOperation(create, 'running', now))
      .when(later)
      .thenRefused('operation-not-cancelable');
    cancel.given(completedOperation(create, now)).when(later).thenRefused('operation-not-cancelable');
  });

  it('are not canceled here when another service runs them (updates, copies)', () => {
    cancel
      .given(startOperation({ ...create, type: 'update' }, 'scheduled', now))
      .when(later)
      .thenRefused('operation-run-elsewhere');
  });
});
