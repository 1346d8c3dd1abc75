import { randomUUID } from 'node:crypto';
import { gatewayUrl, GatewayClient } from '@pac/testing';

jest.setTimeout(60_000);

/**
 * `Idempotency-Key` on writes (docs/security.md): the same key and body within 24 h returns the first answer. The
 * gateway forwards the key; the service that owns the write keeps it (libs/bootstrap, idempotency).
 */
describe('Idempotency-Key', () => {
  let platform: GatewayClient;
  let partner: GatewayClient;
  let otherPartner: GatewayClient;

  const newPartner = async (name: string) => {
    const created = await platform.post<{ id: string }>('/v1/partners', { name });
    expect(created.status).toBe(201);
    return GatewayClient.as(gatewayUrl(), { partnerId: created.body.id, roles: ['partner:operator'] });
  };
  const tenantsNamed = async (client: GatewayClient, name: string) => {
    const list = await client.get<{ items: Array<{ id: string }> }>(
      `/v1/tenants?q=${encodeURIComponent(name)}&limit=200`,
    );
    expect(list.status).toBe(200);
    return list.body.items.map((t) => t.id);
  };

  beforeAll(async () => {
    platform = await GatewayClient.as(gatewayUrl(), { partnerId: randomUUID(), roles: ['platform:admin'] });
    partner = await newPartner('Idempotent Partners');
    otherPartner = await newPartner('Other Idempotent Partners');
  });

  it('creates one tenant for two POSTs with the same key and body: same status, same id, same body', async () => {
    const key = randomUUID();
    const body = { name: 'Once Only GmbH', countryCode: 'DE', tags: ['retail'] };
    const first = await partner.post<{ id: string }>('/v1/tenants', body, { 'idempotency-key': key });
    const second = await partner.post<{ id: string }>('/v1/tenants', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await tenantsNamed(partner, 'Once Only GmbH')).toEqual([first.body.id]);
  });

  it('matches the body whatever the order of its fields', async () => {
    const key = randomUUID();
    const first = await partner.post<{ id: string }>(
      '/v1/tenants',
      '{"name":"Field Order SA","countryCode":"FR"}',
      { 'idempotency-key': key },
    );
    const second = await partner.post<{ id: string }>(
      '/v1/tenants',
      '{"countryCode":"FR","name":"Field Order SA"}',
      { 'idempotency-key': key },
    );
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
  });

  it('refuses the same key with another body: 422 problem+json naming the key, nothing created', async () => {
    const key = randomUUID();
    const first = await partner.post(
      '/v1/tenants',
      { name: 'Keyed First', countryCode: 'FR' },
      { 'idempotency-key': key },
    );
    expect(first.status).toBe(201);
    const reused = await partner.post<{ errors: Array<{ field: string }> }>(
      '/v1/tenants',
      { name: 'Keyed Second', countryCode: 'FR' },
      { 'idempotency-key': key },
    );
    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toContain('application/problem+json');
    expect(reused.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    expect(await tenantsNamed(partner, 'Keyed Second')).toEqual([]);
  });

  it('runs concurrent duplicates once: every answer is the first one (or 409 while it still runs)', async () => {
    const key = randomUUID();
    const body = { name: 'Concurrent Duplicates BV', countryCode: 'NL' };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        partner.post<{ id: string }>('/v1/tenants', body, { 'idempotency-key': key }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id));
    expect(ids.size).toBe(1);
    expect(await tenantsNamed(partner, 'Concurrent Duplicates BV')).toEqual([...ids]);
  });

  it('scopes keys by partner: another partner’s same key is its own request', async () => {
    const key = randomUUID();
    const body = { name: 'Shared Key Ltd', countryCode: 'GB' };
    const mine = await partner.post<{ id: string }>('/v1/tenants', body, { 'idempotency-key': key });
    const theirs = await otherPartner.post<{ id: string }>('/v1/tenants', body, { 'idempotency-key': key });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
  });

  it('refuses a key that is not 1 to 255 visible characters, naming the header', async () => {
    for (const key of ['x'.repeat(256), 'has spaces in it']) {
      const answer = await partner.post<{ errors: Array<{ field: string }> }>(
        '/v1/tenants',
        { name: 'Bad Key Inc', countryCode: 'US' },
        { 'idempotency-key': key },
      );
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    }
    expect(await tenantsNamed(partner, 'Bad Key Inc')).toEqual([]);
  });

  it('forgets a key after 24 h by the clock: the same key then makes a new request', async () => {
    const key = randomUUID();
    const body = { name: 'Next Day Oy', countryCode: 'FI' };
    const first = await partner.post<{ id: string }>('/v1/tenants', body, { 'idempotency-key': key });
    const moved = await platform.post('/v1/dev/clock', { advanceMs: 24 * 3_600_000 + 60_000 });
    expect(moved.status).toBeLessThan(300);
    const later = await partner.post<{ id: string }>('/v1/tenants', body, { 'idempotency-key': key });
    expect([first.status, later.status]).toEqual([201, 201]);
    expect(later.body.id).not.toBe(first.body.id);
    expect(later.headers.get('idempotent-replayed')).toBeNull();
  });
});
