import { randomUUID } from 'node:crypto';
import { InternalTokenSigner, internalHeadersFromEnv, type Caller } from '@pac/auth';
import { gatewayUrl, GatewayClient, requiredEnv } from '@pac/testing';

jest.setTimeout(60_000);

/**
 * The domain services trust no header a client can write: a request straight to a service's port is refused
 * unless it carries the gateway's internal token. Seen from an attacker who knows a tenant id and the
 * partner that owns it, and reaches the services' ports.
 */
describe('internal service APIs: only the gateway gets in', () => {
  const services = ['tenant', 'lifecycle', 'notification', 'telemetry', 'sandbox'] as const;
  const urlOf = (service: (typeof services)[number]) => requiredEnv(`${service.toUpperCase()}_URL`);
  let partnerId: string;
  let tenantId: string;
  let victim: Caller;

  beforeAll(async () => {
    const platform = await GatewayClient.as(gatewayUrl(), {
      partnerId: randomUUID(),
      roles: ['platform:admin'],
    });
    partnerId = (await platform.post<{ id: string }>('/v1/partners', { name: 'Internal Victims' })).body.id;
    const partner = await GatewayClient.as(gatewayUrl(), { partnerId, roles: ['partner:admin'] });
    tenantId = (await partner.post<{ id: string }>('/v1/tenants', { name: 'Target', countryCode: 'FR' })).body
      .id;
    victim = { subject: 'attacker', partnerId, roles: ['partner:admin'] };
  });

  const forgedCallerHeaders = () => ({
    'x-caller-subject': 'attacker',
    'x-caller-partner-id': partnerId,
    'x-caller-roles': 'partner:admin,platform:admin',
  });

  it('refuses forged x-caller-* headers without a token: nothing read, nothing changed', async () => {
    const read = await fetch(`${urlOf('tenant')}/tenants/${tenantId}`, { headers: forgedCallerHeaders() });
    expect(read.status).toBe(401);
    expect(read.headers.get('content-type')).toContain('application/problem+json');
    const write = await fetch(`${urlOf('tenant')}/tenants/${tenantId}`, {
      method: 'PATCH',
      headers: { ...forgedCallerHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Owned' }),
    });
    expect(write.status).toBe(401);
    const partner = await GatewayClient.as(gatewayUrl(), { partnerId, roles: ['partner:viewer'] });
    expect((await partner.get<{ name: string }>(`/v1/tenants/${tenantId}`)).body.name).toBe('Target');
  });

  it('refuses a token signed with another secret, on every service', async () => {
    const forged = new InternalTokenSigner('not-the-secret-but-long-enough-to-look-real').headersFor(victim);
    for (const service of services) {
      const answer = await fetch(`${urlOf(service)}/tenants/${tenantId}/environments`, { headers: forged });
      expect({ service, status: answer.status }).toEqual({ service, status: 401 });
    }
  });

  it('answers a call signed as the gateway signs it, and keeps probes and metrics open', async () => {
    const genuine = internalHeadersFromEnv(process.env, victim, 60);
    const answer = await fetch(`${urlOf('tenant')}/tenants/${tenantId}`, { headers: genuine });
    expect(answer.status).toBe(200);
    for (const service of services) {
      expect((await fetch(`${urlOf(service)}/health/live`)).status).toBe(200);
      expect((await fetch(`${urlOf(service)}/metrics`)).status).toBe(200);
    }
  });
});
