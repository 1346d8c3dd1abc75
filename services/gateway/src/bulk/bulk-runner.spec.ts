import { problem, ProblemException } from '@pac/bootstrap';
import type { CallContext } from '../upstream/upstream';
import {
  itemContext,
  mapWithConcurrency,
  runBulk,
  type TenantAction,
  type TenantLookup,
} from './bulk-runner';

const ids = Array.from({ length: 20 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const mine = ids.slice(0, 12).map((id) => ({ id }));
const strangersTenant = ids[15]!;

/** The caller's partner has the first 12 tenants; listing pages them in the tenant service's order. */
function fakeTenants(): TenantLookup & { finds: string[] } {
  const finds: string[] = [];
  return {
    finds,
    listAll: async () => mine,
    find: async (_context: CallContext, tenantId: string) => {
      finds.push(tenantId);
      return mine.find((t) => t.id === tenantId);
    },
  };
}

const context: CallContext = { requestId: 'r-1' };

describe('bulk actions: one result per tenant', () => {
  it('resolves "all" to the partner’s tenants and acts on each, in their order', async () => {
    const seen: string[] = [];
    const action: TenantAction = async (tenant) => {
      seen.push(tenant.id);
      return [{ status: 'succeeded' }];
    };
    const response = await runBulk('all', action, { tenants: fakeTenants(), concurrency: 4, context });
    expect(response.results.map((r) => r.tenantId)).toEqual(mine.map((t) => t.id));
    expect(response.results.every((r) => r.status === 'succeeded')).toBe(true);
    expect(new Set(seen)).toEqual(new Set(mine.map((t) => t.id)));
    expect(response.summary).toEqual({ succeeded: 12 });
  });

  it('answers not-found for ids the caller may not see, without running the action on them', async () => {
    const acted: string[] = [];
    const action: TenantAction = async (tenant) => {
      acted.push(tenant.id);
      return [{ status: 'succeeded' }];
    };
    const response = await runBulk([ids[0]!, strangersTenant, ids[1]!], action, {
      tenants: fakeTenants(),
      concurrency: 2,
      context,
    });
    expect(response.results).toEqual([
      { tenantId: ids[0], status: 'succeeded' },
      { tenantId: strangersTenant, status: 'not-found' },
      { tenantId: ids[1], status: 'succeeded' },
    ]);
    expect(acted).toEqual([ids[0], ids[1]]);
    expect(response.summary).toEqual({ succeeded: 2, 'not-found': 1 });
  });

  it('reports partial failures per item, whatever happens to the others', async () => {
    const action: TenantAction = async (tenant) => {
      if (tenant.id === ids[1]) return [{ status: 'failed', error: { status: 409, title: 'Conflict' } }];
      if (tenant.id === ids[2]) throw new Error('boom');
      if (tenant.id === ids[3])
        throw new ProblemException(problem(503, 'the tenant service is not reachable'));
      return [{ status: 'succeeded' }];
    };
    const unexpected: string[] = [];
    const response = await runBulk(ids.slice(0, 5), action, {
      tenants: fakeTenants(),
      concurrency: 3,
      context,
      onUnexpectedError: (_error, tenantId) => unexpected.push(tenantId),
    });
    expect(response.results.map((r) => r.status)).toEqual([
      'succeeded',
      'failed',
      'failed',
      'failed',
      'succeeded',
    ]);
    expect(response.results[1]!.error).toEqual({ status: 409, title: 'Conflict' });
    expect(response.results[2]!.error).toMatchObject({ status: 500, code: 'internal-error' });
    expect(response.results[3]!.error).toEqual({
      status: 503,
      title: 'Service Unavailable',
      detail: 'the tenant service is not reachable',
      code: 'dependency-unavailable',
    });
    expect(unexpected).toEqual([ids[2]]);
  });

  it('runs at most `concurrency` tenants at once', async () => {
    let running = 0;
    let most = 0;
    const action: TenantAction = async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return [{ status: 'succeeded' }];
    };
    await runBulk('all', action, { tenants: fakeTenants(), concurrency: 3, context });
    expect(most).toBe(3);
  });

  it('gives one result per environment when the action reports several', async () => {
    const action: TenantAction = async () => [
      { environmentName: 'production', status: 'succeeded' },
      { environmentName: 'sandbox', status: 'skipped' },
    ];
    const response = await runBulk([ids[0]!], action, { tenants: fakeTenants(), concurrency: 8, context });
    expect(response.results).toEqual([
      { tenantId: ids[0], environmentName: 'production', status: 'succeeded' },
      { tenantId: ids[0], environmentName: 'sandbox', status: 'skipped' },
    ]);
  });

  it('acts once on an id listed twice (in any case)', async () => {
    const tenants = fakeTenants();
    const response = await runBulk([ids[0]!, ids[0]!.toUpperCase()], async () => [{ status: 'succeeded' }], {
      tenants,
      concurrency: 8,
      context,
    });
    expect(response.results).toHaveLength(1);
    expect(tenants.finds).toEqual([ids[0]]);
  });

  it('derives one idempotency key per tenant from the request’s key', () => {
    expect(itemContext(context, ids[0]!)).toBe(context);
    const keyed = { ...context, idempotencyKey: 'k-1' };
    const a = itemContext(keyed, ids[0]!).idempotencyKey!;
    expect(a).toBe(itemContext(keyed, ids[0]!).idempotencyKey);
    expect(a).not.toBe(itemContext(keyed, ids[1]!).idempotencyKey);
    expect(a).not.toBe(itemContext({ ...context, idempotencyKey: 'k-2' }, ids[0]!).idempotencyKey);
    expect(a.length).toBeLessThanOrEqual(255);
  });
});

describe('mapWithConcurrency', () => {
  it('keeps the order of the items and copes with none', async () => {
    expect(await mapWithConcurrency([3, 1, 2], 2, async (n) => n * 2)).toEqual([6, 2, 4]);
    expect(await mapWithConcurrency([], 4, async (n: number) => n)).toEqual([]);
  });
});
