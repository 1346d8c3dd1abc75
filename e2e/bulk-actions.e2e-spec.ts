import { randomUUID } from 'node:crypto';
import { gatewayUrl, GatewayClient } from '@pac/testing';

jest.setTimeout(60_000);

interface BulkAnswer {
  results: Array<{ tenantId: string; status: string; error?: { status: number; title: string } }>;
  summary: Record<string, number>;
}

/**
 * The bulk mechanism through a real action, `POST /v1/bulk/tenant-tags` (an extension of the contract):
 * ids or "all" within the caller's partner, one result per tenant, partial failures per item, never revealing
 * another partner's tenant.
 */
describe('bulk actions', () => {
  let platform: GatewayClient;
  let operator: GatewayClient;
  let stranger: GatewayClient;
  let mine: string[];
  let strangersTenant: string;

  const tagsOf = async (client: GatewayClient, tenantId: string) =>
    (await client.get<{ tags: string[] }>(`/v1/tenants/${tenantId}`)).body.tags;

  beforeAll(async () => {
    platform = await GatewayClient.as(gatewayUrl(), { partnerId: randomUUID(), roles: ['platform:admin'] });
    const partner = async (name: string) =>
      (await platform.post<{ id: string }>('/v1/partners', { name })).body.id;
    operator = await GatewayClient.as(gatewayUrl(), {
      partnerId: await partner('Bulk Partners'),
      roles: ['partner:operator'],
    });
    stranger = await GatewayClient.as(gatewayUrl(), {
      partnerId: await partner('Bulk Strangers'),
      roles: ['partner:admin'],
    });
    mine = [];
    for (const name of ['Bulk One', 'Bulk Two', 'Bulk Three']) {
      const created = await operator.post<{ id: string }>('/v1/tenants', {
        name,
        countryCode: 'FR',
        tags: ['trial'],
      });
      expect(created.status).toBe(201);
      mine.push(created.body.id);
    }
    const theirs = await stranger.post<{ id: string }>('/v1/tenants', {
      name: 'Not Yours',
      countryCode: 'FR',
    });
    strangersTenant = theirs.body.id;
  });

  it('acts on the listed tenants of the caller; another partner’s id and an unknown id are not-found', async () => {
    const unknown = randomUUID();
    const answer = await operator.post<BulkAnswer>('/v1/bulk/tenant-tags', {
      tenantIds: [mine[0], strangersTenant, mine[1], unknown],
      addTags: ['Priority'],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.results).toEqual([
      { tenantId: mine[0], status: 'succeeded' },
      { tenantId: strangersTenant, status: 'not-found' },
      { tenantId: mine[1], status: 'succeeded' },
      { tenantId: unknown, status: 'not-found' },
    ]);
    expect(answer.body.summary).toEqual({ succeeded: 2, 'not-found': 2 });
    expect(await tagsOf(operator, mine[0]!)).toEqual(['trial', 'priority']);
    expect(await tagsOf(operator, mine[2]!)).toEqual(['trial']);
    expect(await tagsOf(stranger, strangersTenant)).toEqual([]);
  });

  it('resolves "all" to every tenant of the caller’s partner, and reports each one', async () => {
    const answer = await operator.post<BulkAnswer>('/v1/bulk/tenant-tags', {
      tenantIds: 'all',
      addTags: ['priority'],
      removeTags: ['trial'],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.results.map((r) => r.tenantId).sort()).toEqual([...mine].sort());
    expect(answer.body.results.every((r) => r.status === 'succeeded')).toBe(true);
    for (const id of mine) expect(await tagsOf(operator, id)).toEqual(['priority']);
    expect(await tagsOf(stranger, strangersTenant)).toEqual([]);

    const again = await operator.post<BulkAnswer>('/v1/bulk/tenant-tags', {
      tenantIds: 'all',
      addTags: ['priority'],
    });
    expect(again.body.summary).toEqual({ skipped: 3 });
  });

  it('reports a tenant that refuses the change as failed, with the service’s problem, and still does the others', async () => {
    const offboarded = await operator.post(`/v1/tenants/${mine[2]}/offboard`);
    expect(offboarded.status).toBeLessThan(300);
    const answer = await operator.post<BulkAnswer>('/v1/bulk/tenant-tags', {
      tenantIds: [mine[0], mine[2]],
      addTags: ['renewal'],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.results[0]).toEqual({ tenantId: mine[0], status: 'succeeded' });
    expect(answer.body.results[1]).toMatchObject({
      tenantId: mine[2],
      status: 'failed',
      error: { status: 409, code: 'tenant-offboarded' },
    });
    expect(await tagsOf(operator, mine[0]!)).toContain('renewal');
    expect(await tagsOf(operator, mine[2]!)).not.toContain('renewal');
  });

  it('answers 400 naming the field for a request of the wrong shape, and acts on nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ tenantIds: [], addTags: ['x'] }, 'tenantIds'],
      [{ tenantIds: 'some', addTags: ['x'] }, 'tenantIds'],
      [{ tenantIds: ['not-a-uuid'], addTags: ['x'] }, 'tenantIds'],
      [{ tenantIds: 'all' }, 'addTags'],
      [{ tenantIds: 'all', addTags: ['x'], removeTags: ['X'] }, 'removeTags'],
    ];
    for (const [body, field] of cases) {
      const answer = await operator.post<{ errors: Array<{ field: string }> }>('/v1/bulk/tenant-tags', body);
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
      expect(answer.body.errors.map((e) => e.field)).toEqual([field]);
    }
    expect(await tagsOf(operator, mine[0]!)).not.toContain('x');
  });

  it('is for partner operators and admins: viewers and customer admins get 403', async () => {
    const partnerId = (await operator.get<{ id: string }>('/v1/partners/me')).body.id;
    for (const claims of [
      { partnerId, roles: ['partner:viewer' as const] },
      { partnerId, roles: ['customer:admin' as const], tenantId: mine[0]! },
    ]) {
      const client = await GatewayClient.as(gatewayUrl(), claims);
      const answer = await client.post('/v1/bulk/tenant-tags', { tenantIds: [mine[0]], addTags: ['x'] });
      expect(answer.status).toBe(403);
    }
  });

  // Each tenant's call carries a key derived from the bulk request's (unit-tested in bulk-runner.spec): a
  // retried bulk request gets each tenant's first answer again, and nothing changes twice.
  it('accepts an Idempotency-Key: a retried bulk request does not act twice; a malformed key is 400', async () => {
    const key = randomUUID();
    const body = { tenantIds: [mine[0], mine[1]], addTags: ['audited'] };
    const first = await operator.post<BulkAnswer>('/v1/bulk/tenant-tags', body, { 'idempotency-key': key });
    const retried = await operator.post<BulkAnswer>('/v1/bulk/tenant-tags', body, { 'idempotency-key': key });
    expect(first.body.summary).toEqual({ succeeded: 2 });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(first.body);
    expect((await tagsOf(operator, mine[0]!)).filter((tag) => tag === 'audited')).toHaveLength(1);
    // Without the key, the same request finds nothing left to do.
    const again = await operator.post<BulkAnswer>('/v1/bulk/tenant-tags', body);
    expect(again.body.results.map((r) => r.status)).toEqual(['skipped', 'skipped']);
    const invalid = await operator.post('/v1/bulk/tenant-tags', body, { 'idempotency-key': 'has spaces' });
    expect(invalid.status).toBe(400);
  });
});
