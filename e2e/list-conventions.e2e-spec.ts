import { randomUUID } from 'node:crypto';
import { eventually, gatewayUrl, GatewayClient, type ApiResponse } from '@pac/testing';
import { publishNextRelease } from './support/releases';
import { updatesOf } from './support/updates';
import { environmentSettled, grantProductionEnvironments } from './support/environments';

jest.setTimeout(120_000);

/**
 * The list conventions of docs/api-conventions.md, through the gateway, for every list it serves: `?limit=` (1..200) and
 * `?cursor=`, `{ items, nextCursor }`, a next cursor while more items exist, and a 400 problem+json naming
 * the parameter for a bad value.
 */

/**
 * The suite's environments run 3.x, a major version no other suite uses: the releases published here reach
 * no other suite's environment (they run newer versions).
 */
const MAJOR = 3;

interface Page {
  items: Array<Record<string, unknown>>;
  nextCursor: string | null;
}

interface Problem {
  status: number;
  errors: Array<{ field: string; message: string }>;
}

interface ListRoute {
  name: string;
  path: () => string;
  /** What tells two items of the list apart. */
  key: (item: Record<string, unknown>) => unknown;
  /** At least two items are there once this answers (the route's own items, seeded through the API). */
  ready: (page: Page) => boolean;
}

describe('list conventions, on every list route', () => {
  let partner: GatewayClient;
  let platform: GatewayClient;
  let tenantId: string;
  let secondTenantId: string;

  beforeAll(async () => {
    platform = await GatewayClient.as(gatewayUrl(), { partnerId: randomUUID(), roles: ['platform:admin'] });
    const created = await platform.post<{ id: string }>('/v1/partners', { name: 'List Conventions Partner' });
    expect(created.status).toBe(201);
    partner = await GatewayClient.as(gatewayUrl(), { partnerId: created.body.id, roles: ['partner:admin'] });

    const tenant = async (name: string): Promise<string> => {
      const answer = await partner.post<{ id: string }>('/v1/tenants', { name, countryCode: 'FR' });
      expect(answer.status).toBe(201);
      return answer.body.id;
    };
    tenantId = await tenant('Paging Foods');
    secondTenantId = await tenant('Paging Tools');

    await grantProductionEnvironments(platform, tenantId, 1);
    for (const name of ['alpha', 'bravo']) {
      const accepted = await partner.post(`/v1/tenants/${tenantId}/environments`, {
        name,
        type: 'production',
        applicationVersion: `${MAJOR}.0`,
      });
      expect(accepted.status).toBe(202);
    }
    for (const name of ['alpha', 'bravo']) await environmentSettled(partner, tenantId, name);
    for (const name of ['Paging Add-on', 'Cursor Add-on']) {
      const installed = await partner.post(`/v1/tenants/${tenantId}/environments/alpha/extensions`, {
        publisher: 'Contoso',
        name,
        version: '1.0.0.0',
        minVersion: '1.0',
      });
      expect(installed.status).toBe(201);
    }
    // Two releases of the suite's major: alpha is offered at least two updates.
    const versions = [await publishNextRelease(platform, MAJOR), await publishNextRelease(platform, MAJOR)];
    await eventually(
      () => updatesOf(partner, tenantId, 'alpha'),
      (updates) => versions.every((version) => updates?.some((u) => u.targetVersion === version) ?? false),
    );
  });

  const atLeastTwo = (page: Page) => page.items.length >= 2;

  const routes: ListRoute[] = [
    { name: 'tenants', path: () => '/v1/tenants', key: (i) => i['id'], ready: atLeastTwo },
    {
      name: 'environments',
      path: () => `/v1/tenants/${tenantId}/environments`,
      key: (i) => i['name'],
      ready: atLeastTwo,
    },
    {
      name: 'extensions',
      path: () => `/v1/tenants/${tenantId}/environments/alpha/extensions`,
      key: (i) => i['id'],
      ready: atLeastTwo,
    },
    {
      name: 'operations',
      path: () => `/v1/tenants/${tenantId}/operations`,
      key: (i) => i['id'],
      ready: atLeastTwo,
    },
    { name: 'releases', path: () => '/v1/releases', key: (i) => i['version'], ready: atLeastTwo },
    {
      name: 'updates',
      path: () => `/v1/tenants/${tenantId}/environments/alpha/updates`,
      key: (i) => i['targetVersion'],
      ready: atLeastTwo,
    },
    {
      name: 'update-windows',
      path: () => `/v1/tenants/${tenantId}/update-windows`,
      key: (i) => i['environmentName'],
      ready: atLeastTwo,
    },
    {
      name: 'notifications',
      path: () => '/v1/notifications',
      key: (i) => i['id'],
      // one per customer onboarded, at least
      ready: (page) => new Set(page.items.map((i) => i['tenantId'])).size === 2,
    },
    {
      name: 'overview',
      path: () => '/v1/overview',
      key: (i) => (i['tenant'] as { id: string }).id,
      ready: atLeastTwo,
    },
  ];

  const get = (path: string, query: string): Promise<ApiResponse<Page>> =>
    partner.get<Page>(`${path}${path.includes('?') ? '&' : '?'}${query}`);

  it.each(routes)('$name: limit=1 gives one item and a cursor to the next one', async (route) => {
    await eventually(
      () => get(route.path(), `limit=${200}`),
      (answer) => answer.status === 200 && route.ready(answer.body),
    );

    const first = await get(route.path(), 'limit=1');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));

    const second = await get(route.path(), `limit=1&cursor=${encodeURIComponent(first.body.nextCursor!)}`);
    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(1);
    expect(Object.keys(second.body)).toEqual(expect.arrayContaining(['items', 'nextCursor']));

    // The item the cursor leads to is the one right after the first in the whole list, in its order.
    const all = await get(route.path(), 'limit=200');
    const keys = all.body.items.map(route.key);
    const firstKey = route.key(first.body.items[0]!);
    expect(keys).toContain(firstKey);
    expect(route.key(second.body.items[0]!)).toEqual(keys[keys.indexOf(firstKey) + 1]);
  });

  it('telemetry: limit=1 gives its one item and no cursor (a customer has one row, its onboarding)', async () => {
    const path = `/v1/tenants/${secondTenantId}/telemetry`;
    await eventually(
      () => get(path, 'limit=200'),
      (answer) => answer.status === 200 && answer.body.items.length === 1,
    );
    const page = await get(path, 'limit=1');
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.nextCursor).toBeNull();
  });

  const everyRoute = [
    ...routes.map((route) => ({ name: route.name, path: route.path })),
    { name: 'telemetry', path: () => `/v1/tenants/${tenantId}/telemetry` },
  ];
  const badValues = [
    { query: 'limit=0', field: 'limit' },
    { query: 'limit=201', field: 'limit' },
    { query: 'cursor=garbage', field: 'cursor' },
    // Made like the lists' cursors (base64url JSON of the last row's key) but holding no real key: refused,
    // not a query the database fails on (a 500).
    { query: `cursor=${Buffer.from('["forged","forged"]').toString('base64url')}`, field: 'cursor' },
  ];

  it.each(everyRoute.flatMap((route) => badValues.map((bad) => ({ ...bad, ...route }))))(
    '$name: $query is a 400 problem+json naming $field',
    async ({ path, query, field }) => {
      const answer = await partner.get<Problem>(`${path()}?${query}`);
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(answer.body.status).toBe(400);
      expect(answer.body.errors[0]?.field).toBe(field);
    },
  );
});
