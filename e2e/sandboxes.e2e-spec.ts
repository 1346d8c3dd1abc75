import { randomUUID } from 'node:crypto';
import { eventually, gatewayUrl, GatewayClient } from '@pac/testing';
import { eventsAt, sendTelemetry, telemetryKey, telemetryNow } from './support/telemetry';

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
  issueId: string | null;
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
interface Notification {
  type: string;
  severity: string;
  environmentName?: string | null;
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

  it('warns three days before the expiry, then removes the sandbox when the clock passes it', async () => {
    const tenantId = await customer('Sandbox Expiry');
    await partner.post(sandboxes(tenantId), { name: 'Short', expiresInDays: 5 });
    const ready = await settled(tenantId, 'Short', ['ready']);
    const extended = await partner.post<Sandbox>(`${sandboxes(tenantId)}/Short/extend`, { days: 1 });
    expect(extended.status).toBe(200);
    const expiresAt = Date.parse(extended.body.expiresAt ?? '');
    expect(expiresAt).toBe(Date.parse(ready.expiresAt ?? '') + DAY_MS);
    const notifications = async () =>
      (await partner.get<{ items: Notification[] }>(`/v1/notifications?limit=200&tenantId=${tenantId}`)).body
        .items;

    const warningAt = new Date(expiresAt - 3 * DAY_MS + 60_000).toISOString();
    expect((await platform.post('/v1/dev/clock', { to: warningAt })).status).toBe(200);
    const warned = await eventually(notifications, (items) =>
      items.some((n) => n.type === 'sandbox.expiring'),
    );
    expect(warned.find((n) => n.type === 'sandbox.expiring')).toMatchObject({
      severity: 'warning',
      environmentName: 'Short',
    });
    expect((await partner.get<Sandbox>(`${sandboxes(tenantId)}/Short`)).body.status).toBe('ready');

    expect(
      (await platform.post('/v1/dev/clock', { to: new Date(expiresAt + 60_000).toISOString() })).status,
    ).toBe(200);
    expect((await settled(tenantId, 'Short', ['expired'])).status).toBe('expired');
    expect(await environmentNames(tenantId)).toEqual(['Production']);
    const after = await eventually(notifications, (items) => items.some((n) => n.type === 'sandbox.expired'));
    expect(after.filter((n) => n.type === 'sandbox.expiring')).toHaveLength(1);
  });

  it('counts sandboxes in the central view: a sandbox is a sandbox environment', async () => {
    const tenantId = await customer('Sandbox Overview');
    await partner.post(sandboxes(tenantId), { name: 'Counted' });
    await settled(tenantId, 'Counted', ['ready']);
    const row = await eventually(
      () =>
        partner.get<{
          items: { tenant: { id: string }; environments: { production: number; sandbox: number } }[];
        }>('/v1/overview?q=Sandbox%20Overview'),
      (r) => r.body.items.some((i) => i.tenant.id === tenantId && i.environments.sandbox === 1),
    );
    expect(row.body.items.find((i) => i.tenant.id === tenantId)?.environments).toEqual({
      production: 1,
      sandbox: 1,
    });
  });

  it('makes a sandbox from an issue in one call: a copy of its environment, named after it and linked to it', async () => {
    const tenantId = await customer('Sandbox Issue');
    await eventually(
      () => partner.get(`${environments(tenantId)}/Production/telemetry-keys`),
      (r) => r.status === 200,
    );
    const key = await telemetryKey(partner, tenantId, 'Production');
    await partner.send('PUT', `/v1/tenants/${tenantId}/issue-rule`, {
      threshold: 3,
      windowMinutes: 1,
      quietMinutes: 5,
    });
    const eventId = `SBX${randomUUID().slice(0, 6)}`;
    expect(
      (await sendTelemetry(key, eventsAt(await telemetryNow(), 3, { eventId, severity: 'error' }))).status,
    ).toBe(202);
    const issues = await eventually(
      () =>
        partner.get<{ items: { id: string; eventId: string }[] }>(
          `/v1/tenants/${tenantId}/issues?status=open`,
        ),
      (r) => r.status === 200 && r.body.items.some((i) => i.eventId === eventId),
    );
    const issue = issues.body.items.find((i) => i.eventId === eventId)!;

    expect((await stranger.post<Problem>(`/v1/issues/${issue.id}/sandbox`)).status).toBe(404);
    const requested = await eventually(
      () => partner.post<Operation & Problem>(`/v1/issues/${issue.id}/sandbox`),
      (r) => r.status !== 404,
    );
    expect(requested.status).toBe(202);
    const name = `Issue-${issue.id.slice(0, 8)}`;
    expect(requested.body.environmentName).toBe(name);
    const ready = await settled(tenantId, name, ['ready', 'failed']);
    expect(ready).toMatchObject({ status: 'ready', sourceEnvironment: 'Production', issueId: issue.id });
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
