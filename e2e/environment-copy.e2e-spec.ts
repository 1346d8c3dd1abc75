import { randomUUID } from 'node:crypto';
import { eventually, gatewayUrl, GatewayClient } from '@pac/testing';

jest.setTimeout(60_000);

interface Operation {
  id: string;
  type: string;
  status: string;
  parameters: Record<string, unknown>;
}
interface Environment {
  name: string;
  type: string;
  status: string;
  applicationVersion: string;
  countryCode: string;
  sourceEnvironment: string | null;
  createdAt: string;
}
interface Extension {
  publisher: string;
  name: string;
  version: string;
}

/** POST .../environments/{name}/copy, the reference's copy, through the gateway (docs/sandboxes.md). */
describe('copying an environment', () => {
  let partner: GatewayClient;
  let stranger: GatewayClient;

  beforeAll(async () => {
    const platform = await GatewayClient.as(gatewayUrl(), {
      partnerId: randomUUID(),
      roles: ['platform:admin'],
    });
    const created = await platform.post<{ id: string }>('/v1/partners', { name: 'Copy Partner' });
    partner = await GatewayClient.as(gatewayUrl(), {
      partnerId: created.body.id,
      roles: ['partner:operator'],
    });
    stranger = await GatewayClient.as(gatewayUrl(), { partnerId: randomUUID(), roles: ['partner:operator'] });
  });

  const environments = (tenantId: string) => `/v1/tenants/${tenantId}/environments`;
  const ended = async (operationId: string) =>
    (
      await eventually(
        () => partner.get<Operation>(`/v1/operations/${operationId}`),
        (r) => ['succeeded', 'failed'].includes(r.body.status),
      )
    ).body;

  it('copies version, country and extensions; refuses a taken name unless refresh; refresh replaces', async () => {
    const tenant = await partner.post<{ id: string }>('/v1/tenants', { name: 'Copy Co', countryCode: 'FR' });
    const tenantId = tenant.body.id;
    const create = await partner.post<Operation>(environments(tenantId), {
      name: 'Production',
      type: 'production',
      countryCode: 'DE',
    });
    expect((await ended(create.body.id)).status).toBe('succeeded');
    const payments = { publisher: 'Contoso', name: 'Payments', version: '1.2.3.4', minVersion: '25.0' };
    expect((await partner.post(`${environments(tenantId)}/Production/extensions`, payments)).status).toBe(
      201,
    );

    const copy = await partner.post<Operation>(`${environments(tenantId)}/Production/copy`, {
      environmentName: 'Repro',
      type: 'sandbox',
    });
    expect(copy.status).toBe(202);
    expect(copy.body).toMatchObject({ type: 'copy', status: 'running' });
    expect((await ended(copy.body.id)).status).toBe('succeeded');
    const copied = await partner.get<Environment>(`${environments(tenantId)}/Repro`);
    expect(copied.body).toMatchObject({
      name: 'Repro',
      type: 'sandbox',
      status: 'active',
      applicationVersion: '26.0',
      countryCode: 'DE',
      sourceEnvironment: 'Production',
    });
    const extensions = await partner.get<{ items: Extension[] }>(
      `${environments(tenantId)}/Repro/extensions`,
    );
    expect(extensions.body.items).toEqual([expect.objectContaining(payments)]);

    const again = await partner.post<{ code: string }>(`${environments(tenantId)}/Production/copy`, {
      environmentName: 'repro',
      type: 'sandbox',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('name-taken');
    const overProduction = await partner.post<{ code: string }>(`${environments(tenantId)}/Repro/copy`, {
      environmentName: 'Production',
      type: 'production',
      refresh: true,
    });
    expect(overProduction.status).toBe(409);
    expect(overProduction.body.code).toBe('refresh-target-invalid');

    const refresh = await partner.post<Operation>(`${environments(tenantId)}/Production/copy`, {
      environmentName: 'Repro',
      type: 'sandbox',
      refresh: true,
    });
    expect(refresh.status).toBe(202);
    expect((await ended(refresh.body.id)).status).toBe('succeeded');
    const refreshed = await partner.get<Environment>(`${environments(tenantId)}/Repro`);
    expect(refreshed.body.status).toBe('active');
    expect(Date.parse(refreshed.body.createdAt)).toBeGreaterThanOrEqual(Date.parse(copied.body.createdAt));
    const list = await partner.get<{ items: Environment[] }>(environments(tenantId));
    expect(list.body.items.map((e) => e.name).sort()).toEqual(['Production', 'Repro']);
  });

  it('applies the one sandbox quota, and another partner cannot copy', async () => {
    const tenant = await partner.post<{ id: string }>('/v1/tenants', {
      name: 'Quota Copy',
      countryCode: 'FR',
    });
    const tenantId = tenant.body.id;
    const create = await partner.post<Operation>(environments(tenantId), {
      name: 'Production',
      type: 'production',
    });
    await ended(create.body.id);
    for (const name of ['S1', 'S2', 'S3']) {
      const copy = await partner.post<Operation>(`${environments(tenantId)}/Production/copy`, {
        environmentName: name,
        type: 'sandbox',
      });
      expect(copy.status).toBe(202);
    }
    const fourth = await partner.post<{ code: string }>(`${environments(tenantId)}/Production/copy`, {
      environmentName: 'S4',
      type: 'sandbox',
    });
    expect(fourth.status).toBe(409);
    expect(fourth.body.code).toBe('quota-exceeded');

    const foreign = await stranger.post<{ code: string }>(`${environments(tenantId)}/Production/copy`, {
      environmentName: 'Stolen',
      type: 'sandbox',
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('tenant-not-found');
  });
});
