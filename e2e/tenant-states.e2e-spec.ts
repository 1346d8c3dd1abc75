import { randomUUID } from 'node:crypto';
import { eventually, gatewayUrl, GatewayClient } from '@pac/testing';
import { publishedEventsOf } from './support/tenant-topic';

// Effects travel through Kafka: a busy machine can take longer than Jest's default 5 s per test.
jest.setTimeout(60_000);

interface Tenant {
  id: string;
  name: string;
  countryCode: string;
  externalDirectoryId: string | null;
  status: string;
  tags: string[];
  contacts: Array<{ name: string; email: string; role?: string }>;
  updatedAt: string;
}

interface Problem {
  status: number;
  detail?: string;
  code?: string;
  errors?: Array<{ field: string }>;
}

/** Changing a customer's details and moving it through suspended and offboarded, through the gateway. */
describe('a customer’s details and states', () => {
  let partner: GatewayClient;
  let partnerId: string;

  const newTenant = async (name: string): Promise<Tenant> => {
    const created = await partner.post<Tenant>('/v1/tenants', { name, countryCode: 'FR', tags: ['retail'] });
    expect(created.status).toBe(201);
    return created.body;
  };
  /** A new environment is created unless its tenant changes first: the tests change it once it is active. */
  const activeEnvironment = async (tenantId: string, name: string): Promise<void> => {
    await eventually(
      () => partner.get<{ status: string }>(`/v1/tenants/${tenantId}/environments/${name}`),
      (answer) => answer.body.status === 'active',
    );
  };

  beforeAll(async () => {
    const platform = await GatewayClient.as(gatewayUrl(), {
      partnerId: randomUUID(),
      roles: ['platform:admin'],
    });
    partnerId = (await platform.post<{ id: string }>('/v1/partners', { name: 'States Partner' })).body.id;
    partner = await GatewayClient.as(gatewayUrl(), { partnerId, roles: ['partner:admin'] });
  });

  it('patches the given fields, refuses unknown ones, and tells the other services (tenant.updated)', async () => {
    const tenant = await newTenant('Fabrikam');
    const patched = await partner.send<Tenant>('PATCH', `/v1/tenants/${tenant.id}`, {
      name: 'Fabrikam SAS',
      tags: ['Priority', 'retail'],
      externalDirectoryId: 'contoso.onmicrosoft.com',
      contacts: [{ name: 'Jeanne', email: 'Jeanne@Example.com', role: 'IT' }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      id: tenant.id,
      name: 'Fabrikam SAS',
      countryCode: 'FR',
      tags: ['priority', 'retail'],
      externalDirectoryId: 'contoso.onmicrosoft.com',
      contacts: [{ name: 'Jeanne', email: 'jeanne@example.com', role: 'IT' }],
      status: 'active',
    });
    expect(patched.body.updatedAt > tenant.updatedAt).toBe(true);

    const cleared = await partner.send<Tenant>('PATCH', `/v1/tenants/${tenant.id}`, {
      externalDirectoryId: null,
    });
    expect(cleared.body.externalDirectoryId).toBeNull();

    const refused = await partner.send<Problem>('PATCH', `/v1/tenants/${tenant.id}`, {
      name: null,
      countryCode: 'France',
      colour: 'blue',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((e) => e.field).sort()).toEqual(['colour', 'countryCode', 'name']);
    expect((await partner.get<Tenant>(`/v1/tenants/${tenant.id}`)).body.name).toBe('Fabrikam SAS');

    // Integrators see one tenant.updated per change that changed something, with the tenant after it.
    const events = await publishedEventsOf(
      tenant.id,
      (types) => types.filter((type) => type === 'tenant.updated').length >= 2,
    );
    expect(events.map((e) => e.type)).toEqual(['tenant.created', 'tenant.updated', 'tenant.updated']);
    expect(events[1]!.data).toMatchObject({
      tenantId: tenant.id,
      partnerId,
      name: 'Fabrikam SAS',
      tags: ['priority', 'retail'],
      status: 'active',
    });
  });

  it('filters the list by status, country, tag and part of the name', async () => {
    const marker = randomUUID().slice(0, 8);
    const a = await partner.post<Tenant>('/v1/tenants', {
      name: `Alpha ${marker}`,
      countryCode: 'BE',
      tags: [`t-${marker}`],
    });
    const b = await partner.post<Tenant>('/v1/tenants', { name: `Beta ${marker}`, countryCode: 'FR' });
    expect((await partner.post(`/v1/tenants/${b.body.id}/suspend`)).status).toBe(200);
    const names = async (query: string) =>
      (await partner.get<{ items: Tenant[] }>(`/v1/tenants?${query}`)).body.items.map((t) => t.name);
    expect(await names(`q=${marker}`)).toEqual([`Beta ${marker}`, `Alpha ${marker}`]);
    expect(await names(`q=ha%20${marker.slice(0, 4)}`)).toEqual([`Alpha ${marker}`]);
    expect(await names(`q=${marker}&status=suspended`)).toEqual([`Beta ${marker}`]);
    expect(await names(`q=${marker}&countryCode=BE`)).toEqual([`Alpha ${marker}`]);
    expect(await names(`tag=T-${marker}`)).toEqual([`Alpha ${marker}`]);
    const paged = await partner.get<{ items: Tenant[]; nextCursor: string }>(
      `/v1/tenants?q=${marker}&limit=1`,
    );
    expect(paged.body.items.map((t) => t.name)).toEqual([`Beta ${marker}`]);
    const next = await partner.get<{ items: Tenant[] }>(
      `/v1/tenants?q=${marker}&limit=1&cursor=${paged.body.nextCursor}`,
    );
    expect(next.body.items.map((t) => t.name)).toEqual([`Alpha ${marker}`]);
    expect(a.status).toBe(201);
  });

  it('suspends: reads and details work, environments are frozen, then resume unfreezes them', async () => {
    const tenant = await newTenant('Suspended Co');
    const created = await partner.post(`/v1/tenants/${tenant.id}/environments`, {
      name: 'Main',
      type: 'production',
    });
    expect(created.status).toBe(202);
    await activeEnvironment(tenant.id, 'Main');
    const suspended = await partner.post<Tenant>(`/v1/tenants/${tenant.id}/suspend`);
    expect(suspended.status).toBe(200);
    expect(suspended.body.status).toBe('suspended');
    expect((await partner.post<Problem>(`/v1/tenants/${tenant.id}/suspend`)).status).toBe(409);

    expect((await partner.get(`/v1/tenants/${tenant.id}/environments`)).status).toBe(200);
    const blocked = await partner.post<Problem>(`/v1/tenants/${tenant.id}/environments`, {
      name: 'Test',
      type: 'sandbox',
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('tenant-suspended');
    expect((await partner.send('DELETE', `/v1/tenants/${tenant.id}/environments/Main`)).status).toBe(409);
    expect((await partner.send('PATCH', `/v1/tenants/${tenant.id}`, { tags: ['on-hold'] })).status).toBe(200);

    const resumed = await partner.post<Tenant>(`/v1/tenants/${tenant.id}/resume`);
    expect(resumed.body.status).toBe('active');
    expect((await partner.post<Problem>(`/v1/tenants/${tenant.id}/resume`)).status).toBe(409);
    expect(
      (await partner.post(`/v1/tenants/${tenant.id}/environments`, { name: 'Test', type: 'sandbox' })).status,
    ).toBe(202);

    const events = await publishedEventsOf(tenant.id, (types) => types.includes('tenant.resumed'));
    expect(events.map((e) => e.type).filter((type) => type.startsWith('tenant.'))).toEqual([
      'tenant.created',
      'tenant.suspended',
      'tenant.updated',
      'tenant.resumed',
    ]);
    expect(events.find((e) => e.type === 'tenant.suspended')!.data).toMatchObject({ status: 'suspended' });
  });

  it('offboards for good: everything stays readable, every write is 409 with a clear detail', async () => {
    const tenant = await newTenant('Leaving Ltd');
    await partner.post(`/v1/tenants/${tenant.id}/environments`, { name: 'Main', type: 'production' });
    await activeEnvironment(tenant.id, 'Main');
    const offboarded = await partner.post<Tenant>(`/v1/tenants/${tenant.id}/offboard`);
    expect(offboarded.status).toBe(200);
    expect(offboarded.body.status).toBe('offboarded');

    expect((await partner.get(`/v1/tenants/${tenant.id}`)).status).toBe(200);
    expect((await partner.get(`/v1/tenants/${tenant.id}/environments/Main`)).status).toBe(200);
    const writes: Array<[string, string, unknown?]> = [
      ['PATCH', '', { name: 'Back' }],
      ['POST', '/suspend'],
      ['POST', '/resume'],
      ['POST', '/offboard'],
      ['POST', '/environments', { name: 'Other', type: 'sandbox' }],
      ['DELETE', '/environments/Main'],
      ['POST', '/environments/Main/rename', { newName: 'Other' }],
      [
        'POST',
        '/environments/Main/extensions',
        { publisher: 'X', name: 'Y', version: '1.0', minVersion: '20.0' },
      ],
    ];
    for (const [method, below, body] of writes) {
      const answer = await partner.send<Problem>(method, `/v1/tenants/${tenant.id}${below}`, body);
      expect({ method, below, status: answer.status }).toEqual({ method, below, status: 409 });
      expect(answer.body.detail).toContain('offboarded');
    }
  });

  it('lets only the partner change a customer’s state: a customer admin gets 403 on their own, 404 on another', async () => {
    const own = await newTenant('Own Tenant');
    const other = await newTenant('Other Tenant');
    const customer = await GatewayClient.as(gatewayUrl(), {
      partnerId,
      roles: ['customer:admin'],
      tenantId: own.id,
    });
    expect((await customer.post(`/v1/tenants/${own.id}/suspend`)).status).toBe(403);
    expect((await customer.post(`/v1/tenants/${other.id}/suspend`)).status).toBe(404);
    expect((await customer.send('PATCH', `/v1/tenants/${own.id}`, { tags: ['mine'] })).status).toBe(200);
    expect((await customer.send('PATCH', `/v1/tenants/${other.id}`, { tags: ['mine'] })).status).toBe(404);
    const stranger = await GatewayClient.as(gatewayUrl(), {
      partnerId: randomUUID(),
      roles: ['partner:admin'],
    });
    for (const path of ['/suspend', '/resume', '/offboard']) {
      expect((await stranger.post(`/v1/tenants/${own.id}${path}`)).status).toBe(404);
    }
    expect((await stranger.send('PATCH', `/v1/tenants/${own.id}`, { name: 'Mine' })).status).toBe(404);
    expect((await partner.get<Tenant>(`/v1/tenants/${own.id}`)).body.status).toBe('active');
  });
});
