import { randomUUID } from 'node:crypto';
import { encodeCursor } from '@pac/http-contracts';
import { gatewayUrl, GatewayClient } from '@pac/testing';

jest.setTimeout(120_000);

interface Refusal {
  status: number;
  body: { status?: number; code?: string; errors?: Array<{ field: string }> };
  contentType: string | null;
}

/**
 * What a chaos and security run once found answered with 500: input that passes no route's rules, sent to
 * every kind of place a value can stand (path, query, body, cursor). Each must be a 400 problem+json that
 * names the field, and change nothing.
 */
describe('hostile input: a 400 naming the field, never a 5xx, nothing changed', () => {
  let partner: GatewayClient;
  let tenantId: string;
  const nul = 'a\u0000b';

  beforeAll(async () => {
    const platform = await GatewayClient.as(gatewayUrl(), {
      partnerId: randomUUID(),
      roles: ['platform:admin'],
    });
    const partnerId = (await platform.post<{ id: string }>('/v1/partners', { name: 'Hostile' })).body.id;
    partner = await GatewayClient.as(gatewayUrl(), { partnerId, roles: ['partner:admin'] });
    tenantId = (await partner.post<{ id: string }>('/v1/tenants', { name: 'Kept', countryCode: 'FR' })).body
      .id;
  });

  const send = async (method: string, path: string, body?: unknown): Promise<Refusal> => {
    const answer = await partner.send<Refusal['body']>(method, path, body);
    return { status: answer.status, body: answer.body, contentType: answer.headers.get('content-type') };
  };
  const expectRefused = (answer: Refusal, field: string) => {
    expect({ status: answer.status, field: answer.body.errors?.[0]?.field }).toEqual({ status: 400, field });
    expect(answer.contentType).toContain('application/problem+json');
    expect(answer.body.code).toBe('validation-failed');
  };
  const path = (rest = '') => `/v1/tenants/${tenantId}${rest}`;

  it('refuses a NUL character in a query, a body, a tag, a path parameter and an update version', async () => {
    const q = encodeURIComponent(nul);
    expectRefused(await send('GET', `/v1/tenants?q=${q}`), 'q');
    expectRefused(await send('GET', `/v1/tenants?tag=${q}`), 'tag');
    expectRefused(await send('GET', `/v1/overview?q=${q}`), 'q');
    expectRefused(await send('POST', '/v1/tenants', { name: nul, countryCode: 'FR' }), 'name');
    expectRefused(
      await send('POST', '/v1/tenants', { name: 'Tagged', countryCode: 'FR', tags: [nul] }),
      'tags[0]',
    );
    expectRefused(await send('PATCH', path(), { name: nul }), 'name');
    expectRefused(await send('GET', path(`/environments/${q}`)), 'name');
    expectRefused(await send('GET', path(`/environments/${q}/update-window`)), 'name');
    expectRefused(
      await send('PATCH', path(`/environments/Production/updates/26.1${encodeURIComponent('\u0000')}`), {
        selected: true,
      }),
      'targetVersion',
    );
  });

  it('refuses forged cursors: impossible dates, year 0, out-of-range numbers, NUL', async () => {
    const forged = [
      encodeCursor(['2026-02-30T00:00:00.000Z', randomUUID()]),
      encodeCursor(['0000-01-01T00:00:00.000Z', randomUUID()]),
      encodeCursor([1e300, randomUUID()]),
      encodeCursor(['2026-01-01T00:00:00.000Z', nul]),
    ];
    for (const cursor of forged) {
      for (const list of ['/v1/tenants', '/v1/overview', path('/operations'), '/v1/notifications']) {
        const answer = await send('GET', `${list}?cursor=${cursor}`);
        expect({ list, cursor, status: answer.status }).toEqual({ list, cursor, status: 400 });
        expect(answer.body.errors?.[0]?.field).toBe('cursor');
      }
    }
    expect((await send('GET', `/v1/releases?cursor=${encodeCursor([1e300, 'x'])}`)).status).toBe(400);
  });

  it('refuses a small body nested 1,000 levels deep', async () => {
    const deep = `{"name":"Deep","countryCode":"FR","tags":${'['.repeat(1_000)}${']'.repeat(1_000)}}`;
    expect(deep.length).toBeLessThan(4_096);
    const answer = await send('POST', '/v1/tenants', deep);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.field).toMatch(/^tags/);
  });

  it('refuses contacts that are not objects, on create and on change', async () => {
    for (const contacts of [[[]], [null], ['x'], [1]]) {
      expectRefused(
        await send('POST', '/v1/tenants', { name: 'Contacts', countryCode: 'FR', contacts }),
        'contacts',
      );
      expectRefused(await send('PATCH', path(), { contacts }), 'contacts');
    }
  });

  it('changed nothing: the tenant is as it was, and no other tenant was created', async () => {
    const tenant = await partner.get<{ name: string; tags: string[]; contacts: unknown[] }>(path());
    expect(tenant.body).toMatchObject({ name: 'Kept', tags: [], contacts: [] });
    const list = await partner.get<{ items: Array<{ id: string }> }>('/v1/tenants');
    expect(list.body.items.map((t) => t.id)).toEqual([tenantId]);
  });
});
