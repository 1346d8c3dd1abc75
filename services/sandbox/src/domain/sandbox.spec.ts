import { DecisionSpecification } from '@pac/domain';
import {
  afterCopyAsked,
  afterCopyProgress,
  afterWithdrawn,
  decideCancelOrDelete,
  decideExpiry,
  decideExpiryWarning,
  decideExtend,
  decideRefresh,
  decideRequestSandbox,
  type RequestContext,
  type RequestSandbox,
  type Sandbox,
} from './sandbox';

const now = new Date('2026-11-24T08:00:00Z');
const at = now.toISOString();
const DAY_MS = 86_400_000;
const tenant = {
  tenantId: '0b0f6d8e-64a4-4b8e-9c39-6f1b1c7b2a01',
  partnerId: 'a7c1d2e3-0000-4000-8000-000000000001',
};
const caller = { subject: 'test:partner', partnerId: tenant.partnerId, roles: ['partner:operator' as const] };
const command: RequestSandbox = {
  id: 's-1',
  operationId: 'o-1',
  name: 'Repro',
  sourceEnvironment: 'Production',
  caller,
};
const queued: Sandbox = {
  id: 's-1',
  operationId: 'o-1',
  ...tenant,
  name: 'Repro',
  sourceEnvironment: 'Production',
  targetVersion: null,
  expiresInDays: 30,
  status: 'queued',
  attempt: 1,
  copyOperationId: null,
  applicationVersion: null,
  updateResult: null,
  issueId: null,
  caller,
  error: null,
  expiresAt: null,
  expiryWarnedAt: null,
  expiring: false,
  createdAt: at,
  updatedAt: at,
};
const ready: Sandbox = {
  ...queued,
  status: 'ready',
  copyOperationId: 'c-1',
  applicationVersion: '26.0',
  expiresAt: new Date(now.getTime() + 30 * DAY_MS).toISOString(),
};

const request = DecisionSpecification.for((given: Partial<RequestContext>, more: Partial<RequestSandbox>) =>
  decideRequestSandbox(
    { ...command, ...more },
    { tenant, live: [], quota: { quota: 3, used: 0 }, ...given },
    now,
  ),
);

describe('requesting a sandbox', () => {
  it('queues it with the default expiry of 30 days', () => {
    request.given({}).when({}).then(queued);
  });

  it('refuses an expiry beyond 90 days, and a live name', () => {
    request.given({}).when({ expiresInDays: 91 }).thenRefused('expiry-invalid', ['expiresInDays']);
    request
      .given({ live: [{ name: 'REPRO', status: 'ready' }] })
      .when({})
      .thenRefused('sandbox-name-taken', ['name']);
  });

  it('counts the queued requests on top of the tenant service’s count of sandbox environments', () => {
    request
      .given({ quota: { quota: 3, used: 3 } })
      .when({})
      .thenRefused('quota-exceeded');
    request
      .given({
        quota: { quota: 3, used: 1 },
        live: [
          { name: 'A', status: 'queued' },
          { name: 'B', status: 'queued' },
        ],
      })
      .when({})
      .thenRefused('quota-exceeded');
  });
});

describe('the saga', () => {
  it('waits for the copy it asked for, or fails when the tenant service refused it', () => {
    expect(afterCopyAsked(queued, { kind: 'accepted', operationId: 'c-1' }, now)).toEqual({
      ...queued,
      status: 'copying',
      copyOperationId: 'c-1',
    });
    expect(afterCopyAsked(queued, { kind: 'refused', code: 'quota-exceeded', message: 'full' }, now)).toEqual(
      {
        ...queued,
        status: 'failed',
        error: { code: 'quota-exceeded', message: 'full' },
      },
    );
  });

  it('is ready when the copy succeeded, and its expiry starts then', () => {
    const copying = { ...queued, status: 'copying' as const, copyOperationId: 'c-1' };
    expect(afterCopyProgress(copying, { kind: 'running' }, now)).toBe(copying);
    expect(afterCopyProgress(copying, { kind: 'succeeded', applicationVersion: '26.0' }, now)).toEqual(ready);
  });

  it('cancels a queued or running copy and deletes a ready sandbox, both by withdrawing the copy', () => {
    const cancel = DecisionSpecification.for((sandbox: Sandbox, _: undefined) =>
      decideCancelOrDelete(sandbox, now),
    );
    cancel
      .given(queued)
      .when(undefined)
      .then({ ...queued, status: 'canceling' });
    cancel
      .given(ready)
      .when(undefined)
      .then({ ...ready, status: 'deleting' });
    cancel
      .given({ ...ready, status: 'deleted' })
      .when(undefined)
      .thenRefused('sandbox-busy');
    expect(afterWithdrawn({ ...queued, status: 'canceling' }, now).status).toBe('canceled');
    expect(afterWithdrawn({ ...ready, status: 'deleting' }, now).status).toBe('deleted');
  });

  it('refreshes a ready sandbox as a new attempt under a new operation', () => {
    const refresh = DecisionSpecification.for((sandbox: Sandbox, operationId: string) =>
      decideRefresh(sandbox, operationId, now),
    );
    refresh
      .given(ready)
      .when('o-2')
      .then({ ...ready, operationId: 'o-2', status: 'queued', attempt: 2, copyOperationId: null });
    refresh.given(queued).when('o-2').thenRefused('sandbox-not-ready');
  });
});

describe('expiry', () => {
  it('extends by days, never beyond 90 days from now', () => {
    const extend = DecisionSpecification.for((sandbox: Sandbox, days: number) =>
      decideExtend(sandbox, days, now),
    );
    extend
      .given(ready)
      .when(10)
      .then({ ...ready, expiresAt: new Date(now.getTime() + 40 * DAY_MS).toISOString() });
    extend.given(ready).when(61).thenRefused('expiry-invalid', ['days']);
  });

  it('warns once, three days before the expiry; an extension past the warning warns again', () => {
    const expiresAt = Date.parse(ready.expiresAt ?? '');
    expect(decideExpiryWarning(ready, new Date(expiresAt - 3 * DAY_MS - 1))).toBeNull();
    const warnedAt = new Date(expiresAt - 3 * DAY_MS);
    const warned = decideExpiryWarning(ready, warnedAt);
    expect(warned).toMatchObject({ expiryWarnedAt: warnedAt.toISOString() });
    expect(decideExpiryWarning(warned!, new Date(expiresAt - DAY_MS))).toBeNull();
    const extend = decideExtend(warned!, 10, warnedAt);
    expect(extend.ok && extend.value.expiryWarnedAt).toBeNull();
  });

  it('removes a ready sandbox once the clock passes its expiry, and it ends expired', () => {
    expect(decideExpiry(ready, now)).toBeNull();
    const later = new Date(Date.parse(ready.expiresAt ?? '') + 1);
    const expiring = decideExpiry(ready, later);
    expect(expiring).toMatchObject({ status: 'deleting', expiring: true });
    expect(afterWithdrawn(expiring!, later).status).toBe('expired');
  });
});
