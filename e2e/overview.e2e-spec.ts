import { randomUUID } from 'node:crypto';
import { eventually, gatewayUrl, GatewayClient } from '@pac/testing';

interface OverviewPage {
  items: Array<{
    tenant: { id: string; name: string };
    environments: { production: number; sandbox: number };
    unreadNotifications: number;
  }>;
  nextCursor: string | null;
}

describe('the central view', () => {
  let partner: GatewayClient;

  beforeAll(async () => {
    const platform = await GatewayClient.as(gatewayUrl(), {
      partnerId: randomUUID(),
      roles: ['platform:admin'],
    });
    const created = await platform.post<{ id: string }>('/v1/partners', { name: 'Overview Partner' });
    partner = await GatewayClient.as(gatewayUrl(), { partnerId: created.body.id, roles: ['partner:viewer'] });
    const operator = await GatewayClient.as(gatewayUrl(), {
      partnerId: created.body.id,
      roles: ['partner:operator'],
    });
    for (const name of ['Alpine Foods', 'Baltic Tools', 'Coastal Wines']) {
      expect((await operator.post('/v1/tenants', { name, countryCode: 'FR' })).status).toBe(201);
    }
  });

  it('has one row per customer, newest first, paged, from its read model', async () => {
    // Each new customer has one unread notification, its "onboarded" one (counted from notification.created).
    const all = await eventually(
      () => partner.get<OverviewPage>('/v1/overview'),
      (r) =>
        r.status === 200 &&
        r.body.items.length === 3 &&
        r.body.items.every((row) => row.unreadNotifications === 1),
    );
    expect(all.body.items.map((row) => row.tenant.name)).toEqual([
      'Coastal Wines',
      'Baltic Tools',
      'Alpine Foods',
    ]);
    expect(all.body.items[0]).toMatchObject({
      environments: { production: 0, sandbox: 0 },
      versions: [],
      nextUpdate: null,
      lastUpdateResult: null,
      openIssues: 0,
      unreadNotifications: 1,
    });

    const first = await partner.get<OverviewPage>('/v1/overview?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await partner.get<OverviewPage>(`/v1/overview?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((row) => row.tenant.name)).toEqual(['Alpine Foods']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('filters by name and refuses an unknown filter value', async () => {
    const found = await partner.get<OverviewPage>('/v1/overview?q=baltic');
    expect(found.body.items.map((row) => row.tenant.name)).toEqual(['Baltic Tools']);
    const bad = await partner.get<{ errors: Array<{ field: string }> }>('/v1/overview?updateStatus=sideways');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field)).toEqual(['updateStatus']);
  });

  it('shows another partner nothing of these customers', async () => {
    const stranger = await GatewayClient.as(gatewayUrl(), {
      partnerId: randomUUID(),
      roles: ['partner:admin'],
    });
    const page = await stranger.get<OverviewPage>('/v1/overview');
    expect(page.status).toBe(200);
    expect(page.body.items).toEqual([]);
  });
});
