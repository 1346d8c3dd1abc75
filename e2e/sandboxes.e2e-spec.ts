import { randomUUID } from 'node:crypto';
import { eventually, gatewayUrl, GatewayClient } from '@pac/testing';

jest.setTimeout(90_000);

const DAY_MS = 86_400_000;

interface Operation {
  id: string;
  type: string;
  status: string;
  environmentName: string | null;
}
interface Sandbox {
  name: string;
  sourceEnvironment: string;
  applicationVersion: string | null;
  status: string;
  expiresAt: string | null;
  operationId: string;
  error: { code: string } | null;
}
interface Environment {
  name: string;
  type: string;
  status: string;
  applicationVersion: string;
  sourceEnvironment: string | null;
  createdAt: string;
}
interface Problem {
  status: number;
  code?: string;
}

/** Sandboxes through the gateway: the saga over the tenant service's copy (docs/sandboxes.md). */
describe('sandboxes', () => {
  let platform: GatewayClient;
  let partner: GatewayClient;
  let stranger: GatewayClient;

  beforeAll(async () => {
    platform = await GatewayClient.as(gatewayUrl(), { partnerId: randomUUID(), roles: ['platform:admin'] });
    const created = await platform.post<{ id: string }>('/v1/partners', { name: 'Sandbox Partner' });
    partner = await GatewayClient.as(gatewayUrl(), {
      partnerId: created.body.id,
      roles: ['partner:operator'],
    });
    stranger = await GatewayClient.as(gatewayUrl(), { partnerId: randomUUID(), roles: ['partner:operator'] });
  });

  const sandboxes = (tenantId: string) => `/v1/tenants/${tenantId}/sandboxes`;
  const environments = (tenantId: string) => `/v1/tenants/${tenantId}/environments`;

  /** A customer with an active production environment and one extension in it. */
  const customer = async (name: string): Promise<string> => {
    const tenant = await partner.post<{ id: string }>('/v1/tenants', { name, countryCode: 'FR' });
    const tenantId = tenant.body.id;
    expect(
      (await partner.post(environments(tenantId), { name: 'Production', type: 'production' })).status,
    ).toBe(202);
    await eventually(
      () => partner.get<Environment>(`${environments(tenantId)}/Production`),
      (r) => r.body.status === 'active',
    );
    const payments = { publisher: 'Contoso', name: 'Payments', version: '1.2.3.4', minVersion: '25.0' };
    expect((await partner.post(`${environments(tenantId)}/Production/extensions`, payments)).status).toBe(
      201,
    );
    // The sandbox service knows the tenant once tenant.created reached it.
    await eventually(
      () => partner.get(sandboxes(tenantId)),
      (r) => r.status === 200,
    );
    return tenantId;
  };
  const settled = async (tenantId: string, name: string, statuses: string[]) =>
    (
      await eventually(
        () => partner.get<Sandbox>(`${sandboxes(tenantId)}/${name}`),
        (r) => statuses.includes(r.body.status),
      )
    ).body;
  const environmentNames = async (tenantId: string) =>
    (await partner.get<{ items: Environment[] }>(environments(tenantId))).body.items
      .map((e) => e.name)
      .sort();

  it('makes a ready copy with the source’s version and extensions', async () => {
    const tenantId = await customer('Sandbox Ready');
    const requested = await partner.post<Operation>(sandboxes(tenantId), { name: 'Repro' });
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({ type: 'copy', status: 'queued', environmentName: 'Repro' });

    const ready = await settled(tenantId, 'Repro', ['ready', 'failed']);
    expect(ready).toMatchObject({
      status: 'ready',
      sourceEnvironment: 'Production',
      applicationVersion: '26.0',
      operationId: requested.body.id,
    });
    expect(Date.parse(ready.expiresAt ?? '')).toBeGreaterThan(Date.now() + 29 * DAY_MS - 60 * DAY_MS);
    const environment = await partner.get<Environment>(`${environments(tenantId)}/Repro`);
    expect(environment.body).toMatchObject({
      type: 'sandbox',
      status: 'active',
      sourceEnvironment: 'Production',
    });
    const extensions = await partner.get<{ items: { name: string }[] }>(
      `${environments(tenantId)}/Repro/extensions`,
    );
    expect(extensions.body.items.map((e) => e.name)).toEqual(['Payments']);
    const list = await partner.get<{ items: Sandbox[] }>(sandboxes(tenantId));
    expect(list.body.items.map((s) => s.name)).toEqual(['Repro']);
  });

  it('applies the tenant’s one sandbox quota (409), counting queued requests', async () => {
    const tenantId = await customer('Sandbox Quota');
    for (const name of ['S1', 'S2', 'S3']) {
      expect((await partner.post(sandboxes(tenantId), { name })).status).toBe(202);
    }
    const fourth = await partner.post<Problem>(sandboxes(tenantId), { name: 'S4' });
    expect(fourth.status).toBe(409);
    expect(fourth.body.code).toBe('quota-exceeded');
    for (const name of ['S1', 'S2', 'S3'])
      expect((await settled(tenantId, name, ['ready'])).status).toBe('ready');
    const quotas = await partner.get<{ sandbox: { used: number; quota: number } }>(
      `/v1/tenants/${tenantId}/environment-quotas`,
    );
    expect(quotas.body.sandbox).toEqual({ quota: 3, used: 3 });
  });

  it('cancels a copy: no environment and no quota place remain', async () => {
    const tenantId = await customer('Sandbox Cancel');
    const first = await partner.post<Operation>(sandboxes(tenantId), { name: 'First' });
    const second = await partner.post<Operation>(sandboxes(tenantId), { name: 'Second' });
    expect(second.status).toBe(202);
    const canceled = await partner.post<Operation>(`/v1/operations/${second.body.id}/cancel`);
    expect(canceled.status).toBe(200);
    expect(canceled.body.status).toBe('canceled');
    expect((await settled(tenantId, 'Second', ['canceled'])).status).toBe('canceled');
    expect((await settled(tenantId, 'First', ['ready'])).status).toBe('ready');
    expect(first.status).toBe(202);
    expect(await environmentNames(tenantId)).toEqual(['First', 'Production']);

    const deleted = await partner.delete<Operation>(`${sandboxes(tenantId)}/First`);
    expect(deleted.status).toBe(202);
    expect((await settled(tenantId, 'First', ['deleted'])).status).toBe('deleted');
    expect(await environmentNames(tenantId)).toEqual(['Production']);
    const quotas = await partner.get<{ sandbox: { used: number } }>(
      `/v1/tenants/${tenantId}/environment-quotas`,
    );
    expect(quotas.body.sandbox.used).toBe(0);
  });

  it('refreshes under the same name: a new copy of the source', async () => {
    const tenantId = await customer('Sandbox Refresh');
    await partner.post(sandboxes(tenantId), { name: 'Again' });
    await settled(tenantId, 'Again', ['ready']);
    const before = (await partner.get<Environment>(`${environments(tenantId)}/Again`)).body;
    const payroll = { publisher: 'Fabrikam', name: 'Payroll', version: '2.0.0', minVersion: '25.0' };
    expect((await partner.post(`${environments(tenantId)}/Production/extensions`, payroll)).status).toBe(201);

    const refresh = await partner.post<Operation>(`${sandboxes(tenantId)}/Again/refresh`);
    expect(refresh.status).toBe(202);
    expect(refresh.body.status).toBe('queued');
    const done = await eventually(
      () => partner.get<Sandbox>(`${sandboxes(tenantId)}/Again`),
      (r) => r.body.status === 'ready' && r.body.operationId === refresh.body.id,
    );
    expect(done.body.status).toBe('ready');
    const after = (await partner.get<Environment>(`${environments(tenantId)}/Again`)).body;
    expect(Date.parse(after.createdAt)).toBeGreaterThanOrEqual(Date.parse(before.createdAt));
    const extensions = await partner.get<{ items: { name: string }[] }>(
      `${environments(tenantId)}/Again/extensions`,
    );
    expect(extensions.body.items.map((e) => e.name).sort()).toEqual(['Payments', 'Payroll']);
    expect(await environmentNames(tenantId)).toEqual(['Again', 'Production']);
  });

  it('expires a sandbox when the clock passes its expiry, removing its environment', async () => {
    const tenantId = await customer('Sandbox Expiry');
    await partner.post(sandboxes(tenantId), { name: 'Short', expiresInDays: 5 });
    const ready = await settled(tenantId, 'Short', ['ready']);
    const extended = await partner.post<Sandbox>(`${sandboxes(tenantId)}/Short/extend`, { days: 1 });
    expect(extended.status).toBe(200);
    expect(Date.parse(extended.body.expiresAt ?? '')).toBe(Date.parse(ready.expiresAt ?? '') + DAY_MS);
    expect((await platform.post('/v1/dev/clock', { to: extended.body.expiresAt })).status).toBe(200);
    expect((await platform.post('/v1/dev/clock', { advanceMs: 60_000 })).status).toBe(200);
    expect((await settled(tenantId, 'Short', ['expired'])).status).toBe('expired');
    expect(await environmentNames(tenantId)).toEqual(['Production']);
  });

  it('another partner cannot request, list, read or cancel anything of yours', async () => {
    const tenantId = await customer('Sandbox Private');
    const mine = await partner.post<Operation>(sandboxes(tenantId), { name: 'Mine' });
    for (const answer of [
      await stranger.post<Problem>(sandboxes(tenantId), { name: 'Theirs' }),
      await stranger.get<Problem>(sandboxes(tenantId)),
      await stranger.get<Problem>(`${sandboxes(tenantId)}/Mine`),
      await stranger.delete<Problem>(`${sandboxes(tenantId)}/Mine`),
    ]) {
      expect(answer.status).toBe(404);
      expect(answer.body.code).toBe('tenant-not-found');
    }
    const cancel = await stranger.post<Problem>(`/v1/operations/${mine.body.id}/cancel`);
    expect(cancel.status).toBe(404);
    expect((await settled(tenantId, 'Mine', ['ready'])).status).toBe('ready');
  });
});
