import { randomUUID } from 'node:crypto';
import { gatewayUrl, GatewayClient } from '@pac/testing';

describe('gateway basics', () => {
  it('refuses a call without a token with 401 problem+json and a request id', async () => {
    const answer = await new GatewayClient(gatewayUrl()).get<Record<string, unknown>>('/v1/tenants');
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body).toMatchObject({ status: 401, title: 'Unauthorized', code: 'unauthorized' });
    expect(answer.headers.get('x-request-id')).toBeTruthy();
  });

  it('echoes the caller’s x-request-id', async () => {
    const answer = await new GatewayClient(gatewayUrl()).get('/v1/tenants', {
      'x-request-id': 'trace-me-123',
    });
    expect(answer.headers.get('x-request-id')).toBe('trace-me-123');
  });

  it('lets only a platform admin add partners (403 for a partner admin)', async () => {
    const partner = await GatewayClient.as(gatewayUrl(), {
      partnerId: randomUUID(),
      roles: ['partner:admin'],
    });
    const answer = await partner.post<{ code: string }>('/v1/partners', { name: 'Sneaky' });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body.code).toBe('forbidden');
  });

  it('validates bodies: each bad or unknown field is named, and nothing is created', async () => {
    const platform = await GatewayClient.as(gatewayUrl(), {
      partnerId: randomUUID(),
      roles: ['platform:admin'],
    });
    const { body: partnerBody } = await platform.post<{ id: string }>('/v1/partners', {
      name: 'Validation Partner',
    });
    const partner = await GatewayClient.as(gatewayUrl(), {
      partnerId: partnerBody.id,
      roles: ['partner:operator'],
    });
    const answer = await partner.post<{ errors: Array<{ field: string }> }>('/v1/tenants', {
      name: 42,
      countryCode: 'France',
      color: 'blue',
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body.errors.map((e) => e.field).sort()).toEqual(['color', 'countryCode', 'name']);
    const list = await partner.get<{ items: unknown[] }>('/v1/tenants');
    expect(list.body.items).toEqual([]);
  });

  it('serves its OpenAPI document with the routes of the contract', async () => {
    const answer = await new GatewayClient(gatewayUrl()).get<{ paths: Record<string, unknown> }>(
      '/openapi.json',
    );
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/partners',
        '/v1/partners/me',
        '/v1/tenants',
        '/v1/tenants/{tenantId}',
        '/v1/notifications',
      ]),
    );
    const docs = await fetch(`${gatewayUrl()}/docs`);
    expect(docs.status).toBe(200);
  });
});
