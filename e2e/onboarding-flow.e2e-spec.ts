import { randomUUID } from 'node:crypto';
import { eventually, gatewayUrl, GatewayClient } from '@pac/testing';

/**
 * The first flow through all six services, as a front end sees it: a platform admin adds a partner, the
 * partner adds a customer, and every service reacts to tenant.created through Kafka.
 */
describe('onboarding a customer', () => {
  let platform: GatewayClient;
  let partner: GatewayClient;
  let partnerId: string;

  beforeAll(async () => {
    platform = await GatewayClient.as(gatewayUrl(), { partnerId: randomUUID(), roles: ['platform:admin'] });
    const created = await platform.post<{ id: string; name: string }>('/v1/partners', {
      name: 'Contoso Partners',
    });
    expect(created.status).toBe(201);
    partnerId = created.body.id;
    partner = await GatewayClient.as(gatewayUrl(), { partnerId, roles: ['partner:admin'] });
  });

  it('registers the partner, readable as /v1/partners/me', async () => {
    const me = await partner.get<{ id: string; name: string }>('/v1/partners/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: partnerId, name: 'Contoso Partners' });
  });

  it('creates the tenant, and each service records its effect of tenant.created', async () => {
    const created = await partner.post<Record<string, unknown>>('/v1/tenants', {
      name: 'Fabrikam SARL',
      countryCode: 'FR',
      tags: ['Retail'],
      contacts: [{ name: 'Jeanne Martin', email: 'Jeanne@Fabrikam.example' }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      partnerId,
      name: 'Fabrikam SARL',
      countryCode: 'FR',
      status: 'active',
      tags: ['retail'],
      contacts: [{ name: 'Jeanne Martin', email: 'jeanne@fabrikam.example' }],
    });
    const tenantId = created.body['id'] as string;

    const fetched = await partner.get(`/v1/tenants/${tenantId}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(created.body);

    // notification service: the partner's inbox says the customer was onboarded
    const inbox = await eventually(
      () => partner.get<{ items: Array<Record<string, unknown>> }>(`/v1/notifications?tenantId=${tenantId}`),
      (r) => r.status === 200 && r.body.items.length > 0,
    );
    expect(inbox.body.items).toEqual([
      expect.objectContaining({
        tenantId,
        type: 'tenant.created',
        severity: 'info',
        title: 'Fabrikam SARL onboarded',
        readAt: null,
      }),
    ]);

    // lifecycle service: the default update window of the tenant's environments
    const window = await eventually(
      () => partner.get(`/v1/tenants/${tenantId}/update-window-policy`),
      (r) => r.status === 200,
    );
    expect(window.body).toEqual({
      tenantId,
      preferredStartTime: '20:00',
      preferredEndTime: '06:00',
      timeZone: 'Europe/Paris',
    });

    // telemetry service: a lifecycle row in the customer's telemetry
    const telemetry = await eventually(
      () => partner.get<{ items: Array<Record<string, unknown>> }>(`/v1/tenants/${tenantId}/telemetry`),
      (r) => r.status === 200 && r.body.items.length > 0,
    );
    expect(telemetry.body.items[0]).toMatchObject({
      tenantId,
      environmentName: null,
      severity: 'info',
      eventId: 'LC0001',
      message: 'Tenant Fabrikam SARL onboarded',
    });

    // sandbox service: the tenant's sandbox quota
    const quota = await eventually(
      () => partner.get(`/v1/tenants/${tenantId}/sandbox-quota`),
      (r) => r.status === 200,
    );
    expect(quota.body).toEqual({ tenantId, maxSandboxes: 3 });
  });

  it('keeps the tenant and its effects from another partner (404, never revealed)', async () => {
    const created = await partner.post<{ id: string }>('/v1/tenants', {
      name: 'Northwind',
      countryCode: 'US',
    });
    expect(created.status).toBe(201);
    const stranger = await GatewayClient.as(gatewayUrl(), {
      partnerId: randomUUID(),
      roles: ['partner:admin'],
    });
    for (const path of ['', '/telemetry', '/update-window-policy', '/sandbox-quota']) {
      const answer = await stranger.get<{ status: number }>(`/v1/tenants/${created.body.id}${path}`);
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
    const strangerInbox = await stranger.get<{ items: unknown[] }>(
      `/v1/notifications?tenantId=${created.body.id}`,
    );
    expect(strangerInbox.body.items).toEqual([]);
  });
});
